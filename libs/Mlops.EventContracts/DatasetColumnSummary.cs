namespace Mlops.EventContracts;

/// <summary>
/// A column of a dataset version: its name and type as the profile names them (<c>integer</c>, <c>float</c>,
/// <c>string</c>, <c>timestamp</c>, <c>boolean</c>, <c>object</c>, <c>array</c>, <c>mixed</c>, <c>null</c>), or
/// as declared; an empty type is a declared column of any type.
/// </summary>
public sealed record DatasetColumnSummary(string Name, string Type);
