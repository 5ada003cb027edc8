namespace Mlops.Registry.Application.Datasets;

/// <summary>The CSV options as the client sent them: a null or empty delimiter is ',', a null header row is true.</summary>
public sealed record CsvOptionsRequest(string? Delimiter, bool? HeaderRow, IReadOnlyList<string> NullValues);
