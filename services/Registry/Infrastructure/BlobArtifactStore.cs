using System.Globalization;
using Mlops.Blobs;
using Mlops.Registry.Application;

namespace Mlops.Registry.Infrastructure;

/// <summary>
/// Artifacts in the blob container <see cref="Container"/>. Each upload writes under a location of its own,
/// <c>models/{model id}/uploads/{version row id}/</c>, its files numbered 0, 1, ... in the order they arrive (a
/// single-file artifact is file 0), one after the other. So what a crash interrupts is known without any record of
/// it: the committed files are listed, and the one being written is the next number.
/// </summary>
internal sealed partial class BlobArtifactStore(IBlobStore blobs, ILogger<BlobArtifactStore> logger) : IArtifactStore
{
    public const string Container = "registry";

    private static readonly BlobUploadOptions UploadOptions = new() { ContentType = "application/octet-stream" };

    /// <summary>Where the uploads of a model go; model names can end in '.', which blob names cannot, so the id names the folder.</summary>
    public static string UploadsPrefix(Guid modelId) => $"models/{modelId:N}/uploads/";

    public static string UploadPrefix(Guid modelId, Guid uploadId) => $"{UploadsPrefix(modelId)}{uploadId:N}/";

    public static string FileBlobName(Guid modelId, Guid uploadId, int index) =>
        UploadPrefix(modelId, uploadId) + index.ToString(CultureInfo.InvariantCulture);

    public string UploadLocation(Guid modelId, Guid uploadId) => UploadPrefix(modelId, uploadId);

    public Task<StoredArtifact> UploadFileAsync(Guid modelId, Guid uploadId, int index, IAsyncEnumerable<ReadOnlyMemory<byte>> chunks, CancellationToken cancellationToken) =>
        UploadAsync(FileBlobName(modelId, uploadId, index), chunks, cancellationToken);

    /// <summary>Writes the chunks to <paramref name="blobName"/> (also for dataset files); nothing is left behind when it fails.</summary>
    public async Task<StoredArtifact> UploadAsync(string blobName, IAsyncEnumerable<ReadOnlyMemory<byte>> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunks);
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
                    await TryDiscardAsync(blobName, CancellationToken.None).ConfigureAwait(false);
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

    public async Task<bool> DeleteUploadAsync(Guid modelId, Guid uploadId, CancellationToken cancellationToken)
    {
        if (await DeleteUnderAsync(UploadPrefix(modelId, uploadId), cancellationToken).ConfigureAwait(false) is not { } deleted)
        {
            return false;
        }

        // Files are written in turn, so the one an interruption left half-written (uncommitted blocks, which no listing
        // shows) is the one after the committed ones.
        return await TryDiscardAsync(FileBlobName(modelId, uploadId, deleted.Count), cancellationToken).ConfigureAwait(false) && deleted.All;
    }

    public Task DeleteModelArtifactsAsync(Guid modelId, CancellationToken cancellationToken) => DeleteUnderAsync(UploadsPrefix(modelId), cancellationToken);

    /// <summary>Deletes the blobs listed under <paramref name="prefix"/>: how many there were and whether all went; null when they cannot be listed.</summary>
    private async Task<(int Count, bool All)?> DeleteUnderAsync(string prefix, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        try
        {
            await foreach (var blob in blobs.ListAsync(Container, prefix, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                names.Add(blob.Name);
            }
        }
        catch (Exception e) when (e is BlobStoreException or HttpRequestException or IOException)
        {
            LogDeleteFailed(logger, e, prefix);
            return null;
        }

        var all = true;
        foreach (var name in names)
        {
            all &= await TryDeleteAsync(name, cancellationToken).ConfigureAwait(false);
        }

        return (names.Count, all);
    }

    private async Task<bool> TryDeleteAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            await blobs.DeleteAsync(Container, blobName, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is BlobStoreException or HttpRequestException or IOException)
        {
            LogDeleteFailed(logger, e, blobName);
            return false;
        }
    }

    private async Task<bool> TryDiscardAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            await blobs.DiscardAsync(Container, blobName, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is BlobStoreException or HttpRequestException or IOException)
        {
            LogDeleteFailed(logger, e, blobName);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the artifact blobs at {BlobName}")]
    private static partial void LogDeleteFailed(ILogger logger, Exception exception, string blobName);
}
