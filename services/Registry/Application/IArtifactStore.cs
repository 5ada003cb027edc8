namespace Mlops.Registry.Application;

/// <summary>
/// Where artifacts live. Each upload has a location of its own, named by the model and the version row, under which
/// its files are numbered in the order they arrive. Uploads stream: memory stays bounded whatever the artifact's size.
/// </summary>
public interface IArtifactStore
{
    /// <summary>Where the files of an upload go (what a directory artifact records as its blob name).</summary>
    string UploadLocation(Guid modelId, Guid uploadId);

    /// <summary>
    /// Writes the chunks, in order, as file number <paramref name="index"/> of the upload; an upload writes its files
    /// one after the other, from 0. When the chunks or the write fail (or are canceled), no blob is left behind and
    /// the exception propagates.
    /// </summary>
    Task<StoredArtifact> UploadFileAsync(Guid modelId, Guid uploadId, int index, IAsyncEnumerable<ReadOnlyMemory<byte>> chunks, CancellationToken cancellationToken);

    Task<Stream> OpenReadAsync(string blobName, CancellationToken cancellationToken);

    Task DeleteAsync(string blobName, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes whatever the upload stored, its committed files and the half-written one a crash interrupted; false
    /// (and logged) when some of it could not be deleted now, to be tried again later. The upload must have stopped.
    /// </summary>
    Task<bool> DeleteUploadAsync(Guid modelId, Guid uploadId, CancellationToken cancellationToken);

    /// <summary>Deletes every artifact of a deleted model (all its uploads); what cannot be deleted now is logged and left.</summary>
    Task DeleteModelArtifactsAsync(Guid modelId, CancellationToken cancellationToken);
}
