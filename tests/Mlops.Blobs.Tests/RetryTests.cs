using System.Collections.Concurrent;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using Mlops.Blobs.Azure;
using Mlops.Blobs.Tests.Infrastructure;

namespace Mlops.Blobs.Tests;

/// <summary>
/// Retries, against a loopback endpoint that fails on purpose: the subject is the client's
/// behaviour under failure, which a healthy Azurite cannot produce.
/// </summary>
public sealed class RetryTests
{
    [Fact]
    public async Task An_upload_survives_two_503s()
    {
        await using var endpoint = await RecordingEndpoint.StartAsync((context, request) =>
            request.Index < 2 ? Fail(context, 503, "ServerBusy") : Created(context));
        var store = NewStore(endpoint);
        var content = GeneratedStream.Bytes(5000);

        var result = await store.UploadAsync("c1x", "blob", content);

        Assert.Equal(5000, result.Size);
        Assert.Equal("\"0x2\"", result.ETag);
        var tries = endpoint.Requests.ToArray();
        Assert.Equal(3, tries.Length);
        Assert.All(tries, t =>
        {
            Assert.Equal("PUT", t.Method);
            Assert.Equal(content, t.Body);
            Assert.StartsWith("SharedKey devstoreaccount1:", t.Header("Authorization"), StringComparison.Ordinal);
            Assert.Equal("BlockBlob", t.Header("x-ms-blob-type"));
        });
        Assert.Single(tries.Select(t => t.Header("x-ms-client-request-id")).Distinct());
    }

    [Fact]
    public async Task When_retries_run_out_the_error_is_typed()
    {
        await using var endpoint = await RecordingEndpoint.StartAsync((context, _) => Fail(context, 503, "ServerBusy"));
        var store = NewStore(endpoint, maxRetries: 2);

        var error = await Assert.ThrowsAsync<BlobStoreException>(() => store.UploadAsync("c1x", "blob", new byte[] { 1 }));

        Assert.Equal(503, error.Status);
        Assert.Equal("ServerBusy", error.ErrorCode);
        Assert.Contains("The server is busy.", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, endpoint.Requests.Count);
    }

    [Fact]
    public async Task A_failed_block_is_retried_and_the_blocks_commit_in_stream_order()
    {
        var blocks = new ConcurrentDictionary<string, byte[]>();
        byte[]? committed = null;
        var failures = 0;
        await using var endpoint = await RecordingEndpoint.StartAsync((context, request) =>
        {
            var query = context.Request.Query;
            if (query["comp"] == "block")
            {
                if (request.Index == 2 && Interlocked.Increment(ref failures) == 1)
                {
                    return Fail(context, 500, "InternalError");
                }

                blocks[query["blockid"]!] = request.Body;
                return Created(context);
            }

            var ids = XDocument.Parse(Encoding.UTF8.GetString(request.Body)).Root!.Elements("Latest").Select(e => e.Value);
            committed = ids.SelectMany(id => blocks[id]).ToArray();
            return Created(context);
        });
        var store = NewStore(endpoint, blockSize: 64 * 1024);
        var content = GeneratedStream.Bytes((16 * 64 * 1024) + 100);

        var result = await store.UploadAsync("c1x", "blocks", new NonSeekableStream(new MemoryStream(content)));

        Assert.Equal(1, failures);
        Assert.Equal(17, blocks.Count);
        Assert.Equal(17 + 1 + 1, endpoint.Requests.Count);
        Assert.Equal(content, committed);
        Assert.Equal(StreamHashing.Sha256(content), result.Sha256);
    }

    [Fact]
    public async Task A_block_that_fails_for_good_fails_the_upload_with_its_own_error_and_nothing_is_committed()
    {
        await using var endpoint = await RecordingEndpoint.StartAsync((context, request) =>
            request.Index == 3 ? Fail(context, 403, "AuthorizationPermissionMismatch") : Created(context));
        var store = NewStore(endpoint, blockSize: 64 * 1024);
        using var source = new GeneratedStream(100L * 64 * 1024);

        var error = await Assert.ThrowsAsync<BlobStoreException>(() => store.UploadAsync("c1x", "denied", source));

        Assert.Equal(403, error.Status);
        Assert.Equal("AuthorizationPermissionMismatch", error.ErrorCode);
        Assert.DoesNotContain(endpoint.Requests, r => r.Query.Contains("comp=blocklist", StringComparison.Ordinal));
        Assert.True(endpoint.Requests.Count < 100, "the reader stops soon after a block fails");
    }

    [Fact]
    public async Task A_download_cut_off_midway_resumes_where_it_stopped()
    {
        var content = GeneratedStream.Bytes(1_000_000);
        await using var endpoint = await RecordingEndpoint.StartAsync(async (context, request) =>
        {
            context.Response.Headers.ETag = "\"0xE\"";
            context.Response.Headers.LastModified = "Fri, 26 Jun 2015 23:39:12 GMT";
            context.Response.ContentType = "application/onnx";
            if (request.Index == 0)
            {
                context.Response.StatusCode = 200;
                context.Response.ContentLength = content.Length;
                await context.Response.Body.WriteAsync(content.AsMemory(0, 300_000));
                await context.Response.Body.FlushAsync();
                context.Abort();
                return;
            }

            var range = request.Header("x-ms-range")!["bytes=".Length..].Split('-').Select(v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            context.Response.StatusCode = 206;
            context.Response.Headers.ContentRange = $"bytes {range[0]}-{range[1]}/{content.Length}";
            context.Response.ContentLength = range[1] - range[0] + 1;
            await context.Response.Body.WriteAsync(content.AsMemory(range[0], range[1] - range[0] + 1));
        });
        var store = NewStore(endpoint);

        await using var download = await store.OpenReadAsync("c1x", "model.onnx");
        var read = await StreamHashing.ReadAllAsync(download.Content);

        Assert.Equal(content, read);
        var requests = endpoint.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Null(requests[0].Header("x-ms-range"));
        var resumed = requests[1];
        var from = int.Parse(resumed.Header("x-ms-range")!["bytes=".Length..].Split('-')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(from, 1, 300_000);
        Assert.Equal($"bytes={from}-999999", resumed.Header("x-ms-range"));
        Assert.Equal("\"0xE\"", resumed.Header("If-Match"));
        Assert.Equal("application/onnx", download.Properties.ContentType);
    }

    private static AzureBlobStore NewStore(RecordingEndpoint endpoint, int maxRetries = 5, int blockSize = AzureBlobStoreOptions.DefaultBlockSize)
    {
        var options = new AzureBlobStoreOptions { BlockSize = blockSize };
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(50);
        return new AzureBlobStore(new Uri(endpoint.Address, "/devstoreaccount1"), SharedKeyCredential.Development, options);
    }

    private static async Task Fail(HttpContext context, int status, string code)
    {
        context.Response.StatusCode = status;
        context.Response.Headers["x-ms-error-code"] = code;
        context.Response.ContentType = "application/xml";
        await context.Response.WriteAsync($"<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>{code}</Code><Message>The server is busy.\nRequestId:1</Message></Error>");
    }

    private static Task Created(HttpContext context)
    {
        context.Response.StatusCode = 201;
        context.Response.Headers.ETag = "\"0x2\"";
        context.Response.Headers.LastModified = "Fri, 26 Jun 2015 23:39:12 GMT";
        return Task.CompletedTask;
    }
}
