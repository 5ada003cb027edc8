using Mlops.EventContracts;
using Mlops.Resources;

namespace Mlops.Registry.Application.Datasets;

/// <summary>The integration events of datasets, made one way.</summary>
public static class DatasetEvents
{
    public static DatasetCreated Created(DatasetInfo dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return new(
            Guid.NewGuid(),
            dataset.CreateTime,
            ResourceNames.Registry,
            EventSubjects.Dataset(dataset.Workspace, dataset.Name),
            dataset.Workspace,
            dataset.Name,
            dataset.Description,
            dataset.CreatedBy);
    }

    public static DatasetVersionRegistered VersionRegistered(DatasetVersionInfo version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var columns = version.RowCount is null ? version.Schema : version.Columns;
        return new(
            Guid.NewGuid(),
            version.CreateTime,
            ResourceNames.Registry,
            EventSubjects.DatasetVersion(version.Workspace, version.DatasetName, version.Version),
            version.Workspace,
            version.DatasetName,
            version.Version,
            DatasetNames.Of(version.Format),
            version.FileName,
            "sha256:" + version.ArtifactSha256,
            version.ArtifactSizeBytes,
            version.RowCount,
            [.. columns.Select(column => new DatasetColumnSummary(column.Name, column.Type is { } type ? DatasetNames.Of(type) : ""))],
            version.Profile?.ProfileVersion,
            version.CreatedBy);
    }
}
