namespace Mlops.Registry.Application.Versions;

/// <summary>
/// Where a result sits in its search's order: the values of the order_by fields (null where the row has none) and
/// the row's id, which breaks ties. The next page starts after it.
/// </summary>
/// <param name="Values">One per order_by field, typed as <see cref="Search.SearchValueType"/> says (string, double, long, DateTimeOffset).</param>
public sealed record SearchCursor(IReadOnlyList<object?> Values, Guid Id);
