namespace Mlops.Registry.Application.Search;

/// <summary>
/// A filter as parsed: conditions that must all hold. The language has only AND, so parentheses change nothing
/// and the tree is flat. No conditions means everything matches.
/// </summary>
public sealed record ParsedFilter(IReadOnlyList<FilterTerm> Terms)
{
    public static ParsedFilter Empty { get; } = new([]);
}
