using Mlops.EventContracts;

namespace Mlops.Registry.Application.Datasets;

/// <summary>Datasets and their versions. Each write commits its integration event (if any) in the same transaction.</summary>
public interface IDatasetStore
{
    /// <exception cref="RegistryException">ALREADY_EXISTS: the workspace has a dataset of that name; NOT_FOUND: the workspace does not exist.</exception>
    Task AddDatasetAsync(DatasetInfo dataset, DatasetCreated created, CancellationToken cancellationToken);

    Task<DatasetInfo?> FindDatasetAsync(string workspace, string name, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="take"/> datasets of the workspace ordered by name, after <paramref name="afterName"/> when given.</summary>
    Task<IReadOnlyList<DatasetInfo>> ListDatasetsAsync(string workspace, string? afterName, int take, CancellationToken cancellationToken);

    /// <summary>Sets the non-null fields and the update time; null when the dataset does not exist.</summary>
    Task<DatasetInfo?> UpdateDatasetAsync(
        string workspace,
        string name,
        string? description,
        IReadOnlyDictionary<string, string>? tags,
        DateTimeOffset updateTime,
        CancellationToken cancellationToken);

    /// <summary>
    /// Gives <paramref name="draft"/> the dataset's next version number and stores it with the event
    /// <paramref name="registered"/> makes of it, in one transaction; concurrent calls get distinct, consecutive numbers.
    /// </summary>
    Task<DatasetVersionInfo> AddVersionAsync(
        Guid datasetId,
        DatasetVersionInfo draft,
        Func<DatasetVersionInfo, DatasetVersionRegistered> registered,
        CancellationToken cancellationToken);

    /// <summary>Whether a version records <paramref name="blobName"/> as its file.</summary>
    Task<bool> IsFileReferencedAsync(string blobName, CancellationToken cancellationToken);

    /// <summary>The version with its profile.</summary>
    Task<DatasetVersionInfo?> FindVersionAsync(string workspace, string datasetName, int version, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="take"/> versions of the dataset, newest first, below <paramref name="beforeVersion"/> when given; without profiles.</summary>
    Task<IReadOnlyList<DatasetVersionInfo>> ListVersionsAsync(Guid datasetId, int? beforeVersion, int take, CancellationToken cancellationToken);
}
