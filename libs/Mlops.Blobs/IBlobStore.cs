namespace Mlops.Blobs;

/// <summary>
/// Blob storage addressed by container and blob name, with the same semantics whatever is
/// behind it (Azure Blob Storage, Azurite, or a local folder).
/// </summary>
/// <remarks>
/// Operations on a blob whose container does not exist throw <see cref="BlobNotFoundException"/>
/// with <see cref="BlobErrorCodes.ContainerNotFound"/>; on a missing blob, with
/// <see cref="BlobErrorCodes.BlobNotFound"/>.
/// </remarks>
public interface IBlobStore
{
    /// <summary>Creates the container; returns false when it already existed.</summary>
    Task<bool> CreateContainerIfNotExistsAsync(string container, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the blob from <paramref name="content"/>, read once from its current position to
    /// its end, replacing any blob of that name. The stream need not be seekable; memory stays
    /// bounded whatever its length.
    /// </summary>
    Task<BlobUploadResult> UploadAsync(string container, string blobName, Stream content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens the blob, or the <paramref name="range"/> of it, for reading as a stream. A range
    /// that starts at or past the end throws <see cref="BlobRangeNotSatisfiableException"/>; one
    /// that runs past the end is cut at the end.
    /// </summary>
    Task<BlobDownload> OpenReadAsync(string container, string blobName, BlobRange? range = null, CancellationToken cancellationToken = default);

    Task<BlobProperties> GetPropertiesAsync(string container, string blobName, CancellationToken cancellationToken = default);

    /// <summary>Replaces all of the blob's metadata.</summary>
    Task SetMetadataAsync(string container, string blobName, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the blobs whose names start with <paramref name="prefix"/>, in name order.
    /// A page may hold fewer than <paramref name="pageSize"/> items (even none) and still have a
    /// continuation token; the listing ends when the token is null.
    /// </summary>
    Task<BlobPage> ListPageAsync(string container, string? prefix = null, string? continuationToken = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes the blob; returns false when it (or its container) did not exist.</summary>
    Task<bool> DeleteAsync(string container, string blobName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the blob together with whatever an upload of it that never finished left behind (Azure's
    /// uncommitted blocks, the local store's temporary files), as after a crash mid-upload. The blob need not
    /// exist. Do not call it while an upload of the same name is still running.
    /// </summary>
    Task DiscardAsync(string container, string blobName, CancellationToken cancellationToken = default);
}
