namespace Mlops.Registry.Application.Search;

/// <summary>One condition of a parsed filter, before the schema has looked at it.</summary>
/// <param name="Field">The identifier on the left.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="OperatorPosition">Where the operator starts (its first keyword for <c>NOT IN</c>, <c>IS NULL</c>...).</param>
/// <param name="Values">One value, the list of <c>IN</c>, or none for <c>IS [NOT] NULL</c>.</param>
public sealed record FilterTerm(FieldReference Field, FilterOperator Operator, int OperatorPosition, IReadOnlyList<FilterLiteral> Values);
