using Mlops.Registry.Application.Search;

namespace Mlops.Registry.Application.Versions;

/// <summary>
/// One page of a search as the store runs it: within <paramref name="Workspace"/> (and one model when
/// <paramref name="ModelId"/> is set), the rows matching <paramref name="Filter"/> in <paramref name="OrderBy"/>'s
/// order, ties broken by id in the direction of the first field, after <paramref name="After"/>, at most
/// <paramref name="Take"/>.
/// </summary>
public sealed record SearchQuery(
    string Workspace,
    Guid? ModelId,
    ValidatedFilter Filter,
    IReadOnlyList<OrderByField> OrderBy,
    SearchCursor? After,
    int Take)
{
    public bool TieBreakerDescending => OrderBy.Count > 0 && OrderBy[0].Descending;
}
