using System.Xml.Linq;
using Azure.Core;
using Azure.Core.Pipeline;
using Mlops.Blobs.Azure;
using Mlops.Blobs.Configuration;
using Mlops.Blobs.Tests.Infrastructure;

namespace Mlops.Blobs.Tests;

/// <summary>The store contract against a real Azurite, plus what only the REST client does.</summary>
public sealed class AzureBlobStoreTests : BlobStoreContractTests, IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly RequestLog _log = new();
    private readonly AzureBlobStore _store;
    private readonly AzuriteFixture _azurite;

    public AzureBlobStoreTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
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
    public async Task Discard_drops_the_uncommitted_blocks_a_broken_upload_staged()
    {
        var container = await NewContainerAsync();
        await using var source = new StallingStream((2 * BlockSize) + 100);
        var upload = Store.UploadAsync(container, "broken", source);
        using (var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (!(await UncommittedBlocksAsync(container, "broken") > 0))
            {
                await Task.Delay(20, bound.Token);
            }
        }

        source.Break();
        await Assert.ThrowsAsync<IOException>(() => upload);
        Assert.True(await UncommittedBlocksAsync(container, "broken") > 0, "the broken upload left its blocks staged");

        await Store.DiscardAsync(container, "broken");

        Assert.Null(await UncommittedBlocksAsync(container, "broken"));
        Assert.Empty((await Store.ListPageAsync(container)).Items);
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

    /// <summary>Get Block List, which no listing replaces: the blocks staged under a name and not committed; null when the service knows no such blob.</summary>
    private async Task<int?> UncommittedBlocksAsync(string container, string blobName)
    {
        var parsed = BlobConnectionString.Parse(_azurite.ConnectionString);
        var pipeline = HttpPipelineBuilder.Build(new AzureBlobStoreOptions(), new SharedKeyAuthenticationPolicy(parsed.SharedKey!));
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(new Uri($"{parsed.ServiceUri!.AbsoluteUri.TrimEnd('/')}/{container}/{blobName}?comp=blocklist&blocklisttype=all"));
        message.Request.Headers.SetValue("x-ms-version", AzureBlobStoreOptions.DefaultApiVersion);
        await pipeline.SendAsync(message, CancellationToken.None);
        if (message.Response.Status == 404)
        {
            return null;
        }

        Assert.Equal(200, message.Response.Status);
        return XDocument.Parse(message.Response.Content.ToString()).Root!.Element("UncommittedBlocks")?.Elements("Block").Count() ?? 0;
    }
}
