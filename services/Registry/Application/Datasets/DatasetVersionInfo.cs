using Mlops.Registry.Application.Datasets.Profiling;

namespace Mlops.Registry.Application.Datasets;

/// <summary>
/// A registered dataset version. <see cref="Csv"/> is set for CSV; <see cref="Columns"/>, <see cref="RowCount"/>,
/// <see cref="ColumnCount"/> and <see cref="Profile"/> for profiled formats (CSV, JSON Lines), though listings leave
/// <see cref="Profile"/> out. <see cref="BlobName"/> is where the file is stored, never shown to callers.
/// </summary>
public sealed record DatasetVersionInfo(
    string Workspace,
    string DatasetName,
    int Version,
    string Description,
    IReadOnlyDictionary<string, string> Tags,
    DatasetFileFormat Format,
    CsvFormatSettings? Csv,
    string FileName,
    string ArtifactSha256,
    long ArtifactSizeBytes,
    string BlobName,
    IReadOnlyList<DatasetColumn> Schema,
    IReadOnlyList<DatasetColumn> Columns,
    long? RowCount,
    int? ColumnCount,
    DatasetProfile? Profile,
    IReadOnlyList<string> SchemaWarnings,
    string CreatedBy,
    DateTimeOffset CreateTime);
