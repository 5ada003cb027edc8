using Mlops.Blobs;
using Mlops.Registry.Application;

namespace Mlops.Registry.Infrastructure;

/// <summary>
/// Artifacts in the blob container <see cref="Container"/>. An upload goes to a fresh name under its model's id
/// (the version number is known only after the upload), which the version row then records.
/// </summary>
internal sealed partial class BlobArtifactStore(IBlobStore blobs, ILogger<BlobArtifactStore> logger) : IArtifactStore
{
    public const string Container = "registry";

    private static readonly BlobUploadOptions UploadOptions = new() { ContentType = "application/octet-stream" };

    /// <summary>Where the uploads of a model go; model names can end in '.', which blob names cannot, so the id names the folder.</summary>
    public static string UploadsPrefix(Guid modelId) => $"models/{modelId:N}/uploads/";

    public Task<StoredArtifact> UploadAsync(Guid modelId, IAsyncEnumerable<ReadOnlyMemory<byte>> chunks, CancellationToken cancellationToken) =>
        UploadAsync(UploadsPrefix(modelId) + Guid.NewGuid().ToString("N"), chunks, cancellationToken);

    /// <summary>Writes the chunks to <paramref name="blobName"/> (also for dataset files); nothing is left behind when it fails.</summary>
    public async Task<StoredArtifact> UploadAsync(string blobName, IAsyncEnumerable<ReadOnlyMemory<byte>> chunks, CancellationToken cancellationToken)
    {
        var enumerator = chunks.GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            var content = new ChunkReadStream(enumerator);
            await using (content.ConfigureAwait(false))
            {
                try
                {
                    var result = await blobs.UploadAsync(Container, blobName, content, UploadOptions, cancellationToken).ConfigureAwait(false);
                    return new StoredArtifact(blobName, result.Size, result.Sha256);
                }
                catch
                {
                    await DeleteAsync(blobName, CancellationToken.None).ConfigureAwait(false);
                    throw;
                }
            }
        }
    }

    public async Task<Stream> OpenReadAsync(string blobName, CancellationToken cancellationToken)
    {
        var download = await blobs.OpenReadAsync(Container, blobName, cancellationToken: cancellationToken).ConfigureAwait(false);
        return download.Content;
    }

    public async Task DeleteAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            await blobs.DeleteAsync(Container, blobName, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is BlobStoreException or HttpRequestException or IOException)
        {
            // Cleanup runs while another error propagates; that error is the one the caller must see.
            LogDeleteFailed(logger, e, blobName);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the orphaned artifact blob {BlobName}")]
    private static partial void LogDeleteFailed(ILogger logger, Exception exception, string blobName);
}
