using Mlops.Registry.Application.Datasets;
using Mlops.Registry.Application.Datasets.Profiling;

namespace Mlops.Registry.Infrastructure.Datasets;

public sealed class DatasetVersionEntity
{
    public required Guid Id { get; init; }

    public required Guid DatasetId { get; init; }

    public DatasetEntity? Dataset { get; init; }

    public required int Version { get; init; }

    public required string Description { get; init; }

    public required Dictionary<string, string> Tags { get; init; }

    public required DatasetFileFormat Format { get; init; }

    public required CsvFormatSettings? CsvOptions { get; init; }

    public required string FileName { get; init; }

    public required string ArtifactSha256 { get; init; }

    public required long ArtifactSizeBytes { get; init; }

    public required string BlobName { get; init; }

    public required List<DatasetColumn> Schema { get; init; }

    public required List<DatasetColumn> Columns { get; init; }

    public required long? RowCount { get; init; }

    public required int? ColumnCount { get; init; }

    /// <summary>The profile's JSON form (docs/dataset-profile.md), null for formats that are not profiled.</summary>
    public required string? Profile { get; init; }

    public required List<string> SchemaWarnings { get; init; }

    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreateTime { get; init; }

    public static DatasetVersionEntity From(Guid datasetId, DatasetVersionInfo version) => new()
    {
        Id = Guid.NewGuid(),
        DatasetId = datasetId,
        Version = version.Version,
        Description = version.Description,
        Tags = new Dictionary<string, string>(version.Tags, StringComparer.Ordinal),
        Format = version.Format,
        CsvOptions = version.Csv,
        FileName = version.FileName,
        ArtifactSha256 = version.ArtifactSha256,
        ArtifactSizeBytes = version.ArtifactSizeBytes,
        BlobName = version.BlobName,
        Schema = [.. version.Schema],
        Columns = [.. version.Columns],
        RowCount = version.RowCount,
        ColumnCount = version.ColumnCount,
        Profile = version.Profile is null ? null : DatasetProfileJson.Serialize(version.Profile),
        SchemaWarnings = [.. version.SchemaWarnings],
        CreatedBy = version.CreatedBy,
        CreateTime = version.CreateTime,
    };

    public DatasetVersionInfo ToInfo()
    {
        var dataset = Dataset ?? throw new InvalidOperationException("Load the version with its dataset.");
        return new(
            dataset.Workspace,
            dataset.Name,
            Version,
            Description,
            Tags,
            Format,
            CsvOptions,
            FileName,
            ArtifactSha256,
            ArtifactSizeBytes,
            BlobName,
            Schema,
            Columns,
            RowCount,
            ColumnCount,
            Profile is null ? null : DatasetProfileJson.Deserialize(Profile),
            SchemaWarnings,
            CreatedBy,
            CreateTime);
    }
}
