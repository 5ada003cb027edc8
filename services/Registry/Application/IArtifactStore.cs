namespace Mlops.Registry.Application;

/// <summary>Where artifacts live. Uploads stream: memory stays bounded whatever the artifact's size.</summary>
public interface IArtifactStore
{
    /// <summary>
    /// Writes the chunks, in order, to a new blob of the model. When the chunks or the write fail (or are canceled),
    /// no blob is left behind and the exception propagates.
    /// </summary>
    Task<StoredArtifact> UploadAsync(Guid modelId, IAsyncEnumerable<ReadOnlyMemory<byte>> chunks, CancellationToken cancellationToken);

    Task<Stream> OpenReadAsync(string blobName, CancellationToken cancellationToken);

    Task DeleteAsync(string blobName, CancellationToken cancellationToken);
}
