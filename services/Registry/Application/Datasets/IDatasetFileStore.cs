namespace Mlops.Registry.Application.Datasets;

/// <summary>Where dataset files live. Uploads stream: memory stays bounded whatever the file's size.</summary>
public interface IDatasetFileStore
{
    /// <summary>
    /// Writes the chunks, in order, to a new blob of the dataset. When the chunks or the write fail (or are canceled),
    /// no blob is left behind and the exception propagates.
    /// </summary>
    Task<StoredArtifact> UploadAsync(Guid datasetId, IAsyncEnumerable<ReadOnlyMemory<byte>> chunks, CancellationToken cancellationToken);

    /// <summary>The file from its start; each call is a new read.</summary>
    Task<Stream> OpenReadAsync(string blobName, CancellationToken cancellationToken);

    /// <summary>Deletes the file; a failure is logged, not thrown, since it only ever cleans up after another error.</summary>
    Task DeleteAsync(string blobName, CancellationToken cancellationToken);
}
