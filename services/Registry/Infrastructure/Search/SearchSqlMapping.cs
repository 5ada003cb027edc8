using Mlops.Registry.Application.Search;

namespace Mlops.Registry.Infrastructure.Search;

/// <summary>
/// Where the identifiers of a <see cref="SearchSchema"/> live in one query. The SQL here is the developer's, never
/// the caller's: an attribute maps to an operand such as <c>m.name</c>, a key family to a jsonb column such as
/// <c>v.tags</c> holding an object of key → value.
/// </summary>
public sealed class SearchSqlMapping(IReadOnlyDictionary<string, string> attributes, IReadOnlyDictionary<string, string> keyFamilies)
{
    /// <summary>Throws unless every identifier of <paramref name="schema"/> has SQL here; for start-up or a test.</summary>
    public void EnsureCovers(SearchSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var missing = schema.Attributes.Select(a => a.Name).Where(name => !attributes.ContainsKey(name))
            .Concat(schema.KeyFamilies.Select(f => f.Name).Where(name => !keyFamilies.ContainsKey(name)))
            .ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"The search mapping has no SQL for {string.Join(", ", missing)}.");
        }
    }

    internal string Attribute(string name) =>
        attributes.TryGetValue(name, out var sql) ? sql : throw new InvalidOperationException($"The search mapping has no SQL for the attribute '{name}'.");

    internal string KeyFamily(string name) =>
        keyFamilies.TryGetValue(name, out var sql) ? sql : throw new InvalidOperationException($"The search mapping has no jsonb column for '{name}'.");
}
