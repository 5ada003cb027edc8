using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mlops.Blobs;

public static class BlobStoreExtensions
{
    /// <summary>Every page of a listing, following continuation tokens until the last.</summary>
    public static async IAsyncEnumerable<BlobPage> ListPagesAsync(
        this IBlobStore store,
        string container,
        string? prefix = null,
        int? pageSize = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        string? token = null;
        do
        {
            var page = await store.ListPageAsync(container, prefix, token, pageSize, cancellationToken).ConfigureAwait(false);
            yield return page;
            token = page.ContinuationToken;
        }
        while (token is not null);
    }

    /// <summary>Every blob whose name starts with <paramref name="prefix"/>, in name order.</summary>
    public static async IAsyncEnumerable<BlobProperties> ListAsync(
        this IBlobStore store,
        string container,
        string? prefix = null,
        int? pageSize = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in store.ListPagesAsync(container, prefix, pageSize, cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page.Items)
            {
                yield return item;
            }
        }
    }

    /// <summary>The blob's properties, or null when it (or its container) does not exist.</summary>
    public static async Task<BlobProperties?> TryGetPropertiesAsync(this IBlobStore store, string container, string blobName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        try
        {
            return await store.GetPropertiesAsync(container, blobName, cancellationToken).ConfigureAwait(false);
        }
        catch (BlobNotFoundException)
        {
            return null;
        }
    }

    public static async Task<bool> ExistsAsync(this IBlobStore store, string container, string blobName, CancellationToken cancellationToken = default) =>
        await store.TryGetPropertiesAsync(container, blobName, cancellationToken).ConfigureAwait(false) is not null;

    public static async Task<BlobUploadResult> UploadAsync(
        this IBlobStore store,
        string container,
        string blobName,
        ReadOnlyMemory<byte> content,
        BlobUploadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var stream = MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
        await using (stream.ConfigureAwait(false))
        {
            return await store.UploadAsync(container, blobName, stream, options, cancellationToken).ConfigureAwait(false);
        }
    }
}
