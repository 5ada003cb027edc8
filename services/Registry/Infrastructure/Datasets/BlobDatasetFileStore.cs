using Mlops.Registry.Application;
using Mlops.Registry.Application.Datasets;

namespace Mlops.Registry.Infrastructure.Datasets;

/// <summary>
/// Dataset files in the registry's blob container, beside the model artifacts and written the same way: an upload
/// goes to a fresh name under its dataset's id (the version number is known only after the upload and the profile),
/// which the version row then records.
/// </summary>
internal sealed class BlobDatasetFileStore(BlobArtifactStore artifacts) : IDatasetFileStore
{
    /// <summary>Where the uploads of a dataset go; dataset names can end in '.', which blob names cannot, so the id names the folder.</summary>
    public static string UploadsPrefix(Guid datasetId) => $"datasets/{datasetId:N}/uploads/";

    public Task<StoredArtifact> UploadAsync(Guid datasetId, IAsyncEnumerable<ReadOnlyMemory<byte>> chunks, CancellationToken cancellationToken) =>
        artifacts.UploadAsync(UploadsPrefix(datasetId) + Guid.NewGuid().ToString("N"), chunks, cancellationToken);

    public Task<Stream> OpenReadAsync(string blobName, CancellationToken cancellationToken) => artifacts.OpenReadAsync(blobName, cancellationToken);

    public Task DeleteAsync(string blobName, CancellationToken cancellationToken) => artifacts.DeleteAsync(blobName, cancellationToken);
}
