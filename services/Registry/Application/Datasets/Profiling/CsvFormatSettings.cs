namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>How a CSV file was read, recorded in its profile so the figures can be reproduced.</summary>
public sealed record CsvFormatSettings(string Delimiter, bool HeaderRow, IReadOnlyList<string> NullValues);
