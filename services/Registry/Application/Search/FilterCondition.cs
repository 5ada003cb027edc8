namespace Mlops.Registry.Application.Search;

/// <summary>
/// A validated condition: the field is known, the operator suits it and the values have the field's CLR type
/// (see <see cref="SearchValueType"/>).
/// </summary>
/// <param name="Values">One value, the values of IN / NOT IN, or none for IS [NOT] NULL.</param>
public sealed record FilterCondition(SearchField Field, FilterOperator Operator, IReadOnlyList<object> Values);
