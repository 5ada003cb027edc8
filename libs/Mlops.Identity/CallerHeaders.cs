namespace Mlops.Identity;

/// <summary>
/// Who calls, until the platform has authentication: the <c>x-mlops-user</c> and <c>x-mlops-groups</c>
/// (comma-separated) headers, which anyone can set, so the services read them only in Development.
/// </summary>
public static class CallerHeaders
{
    public const string UserHeader = "x-mlops-user";
    public const string GroupsHeader = "x-mlops-groups";

    /// <summary>The user name of a caller the headers do not identify.</summary>
    public const string Anonymous = "anonymous";

    public const int MaxLength = 256;

    public static string UserName(string? userHeader) => userHeader is { Length: > 0 and <= MaxLength } user ? user : Anonymous;

    public static IReadOnlySet<string> Groups(string? groupsHeader) =>
        groupsHeader is { Length: > 0 } groups
            ? groups.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(group => group.Length <= MaxLength).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
}
