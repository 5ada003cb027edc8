namespace Mlops.Registry.Application.Datasets;

/// <summary>What the client says of a dataset version before sending its file; a null <see cref="Format"/> is none given.</summary>
public sealed record NewDatasetVersion(
    string? Workspace,
    string? DatasetName,
    DatasetFileFormat? Format,
    CsvOptionsRequest? CsvOptions,
    string? FileName,
    string? ArtifactSha256,
    long ArtifactSizeBytes,
    string? Description,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<DatasetColumn> Schema);
