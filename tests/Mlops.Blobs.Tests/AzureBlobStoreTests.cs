using Azure.Core.Pipeline;
using Mlops.Blobs.Azure;
using Mlops.Blobs.Tests.Infrastructure;

namespace Mlops.Blobs.Tests;

/// <summary>The store contract against a real Azurite, plus what only the REST client does.</summary>
public sealed class AzureBlobStoreTests : BlobStoreContractTests, IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly RequestLog _log = new();
    private readonly AzureBlobStore _store;

    public AzureBlobStoreTests(AzuriteFixture azurite)
    {
        var options = new AzureBlobStoreOptions { BlockSize = BlockSize, MaxParallelBlocks = 4, Transport = new HttpClientTransport(_log) };
        _store = azurite.CreateStore(options);
    }

    protected override IBlobStore Store => _store;

    public void Dispose() => _log.Dispose();

    [Fact]
    public async Task Small_uploads_are_one_put_blob_and_large_ones_parallel_blocks()
    {
        var container = await NewContainerAsync();

        await Store.UploadAsync(container, "one-block", new GeneratedStream(BlockSize));
        Assert.Equal(1, _log.Count("PUT", "/one-block"));
        Assert.Equal(0, _log.Count("PUT", "comp=block"));

        await Store.UploadAsync(container, "fifty", new GeneratedStream(50L * MiB));
        Assert.Equal(13, _log.Count("PUT", "/fifty?comp=block&"));
        Assert.Equal(1, _log.Count("PUT", "/fifty?comp=blocklist"));
        Assert.Equal(0, _log.Requests.Count(r => r.Method == "PUT" && r.PathAndQuery.EndsWith("/fifty", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Concurrent_uploads_of_one_blob_never_mix_their_blocks()
    {
        var container = await NewContainerAsync();
        using var first = new GeneratedStream((3L * BlockSize) + 5, seed: 1);
        using var second = new GeneratedStream((2L * BlockSize) + 7, seed: 2);

        var uploads = new[] { Store.UploadAsync(container, "same", first), Store.UploadAsync(container, "same", second) };
        try
        {
            await Task.WhenAll(uploads);
        }
        catch (BlobStoreException e) when (e.ErrorCode == "InvalidBlockList")
        {
            // The service drops uncommitted blocks when another upload commits: the loser fails, and says why.
            Assert.Contains("another upload", e.Message, StringComparison.Ordinal);
        }

        Assert.Contains(uploads, u => u.IsCompletedSuccessfully);
        await using var download = await Store.OpenReadAsync(container, "same");
        var (sha256, _) = await StreamHashing.HashAsync(download.Content);
        Assert.Contains(sha256, uploads.Where(u => u.IsCompletedSuccessfully).Select(u => u.Result.Sha256));
    }
}
