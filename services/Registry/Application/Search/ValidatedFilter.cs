namespace Mlops.Registry.Application.Search;

/// <summary>A filter checked against a <see cref="SearchSchema"/>: conditions that must all hold; none matches everything.</summary>
public sealed record ValidatedFilter(IReadOnlyList<FilterCondition> Conditions)
{
    public static ValidatedFilter MatchAll { get; } = new([]);
}
