namespace Mlops.Registry.Application;

/// <summary>
/// Pages of listings ordered by name (models, datasets, workspaces). The store is asked for one item more than the
/// page size: that extra item tells whether another page follows without a second query.
/// </summary>
public static class NamePages
{
    /// <summary>
    /// The page out of <paramref name="fetched"/> (up to <paramref name="size"/> + 1 items), and the token of the next
    /// page: the last name on this page, or empty when this is the last page.
    /// </summary>
    public static (IReadOnlyList<T> Items, string NextPageToken) Cut<T>(IReadOnlyList<T> fetched, int size, Func<T, string> name)
    {
        ArgumentNullException.ThrowIfNull(fetched);
        ArgumentNullException.ThrowIfNull(name);
        return fetched.Count > size
            ? (fetched.Take(size).ToList(), PageTokens.Encode(name(fetched[size - 1])))
            : (fetched, "");
    }
}
