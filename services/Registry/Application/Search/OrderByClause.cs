namespace Mlops.Registry.Application.Search;

/// <summary>One parsed element of order_by: <c>identifier [ASC|DESC]</c>.</summary>
/// <param name="Index">The element's index in the order_by list, for messages.</param>
public sealed record OrderByClause(FieldReference Field, bool Descending, int Index);
