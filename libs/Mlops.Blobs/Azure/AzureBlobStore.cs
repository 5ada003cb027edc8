using System.Buffers;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Mlops.Blobs.Azure;

/// <summary>
/// <see cref="IBlobStore"/> over the Azure Blob Storage REST API (Azure or Azurite), on
/// Azure.Core's HTTP pipeline: its retries, timeouts, logging and tracing, with Shared Key or
/// Entra ID (bearer token) authorization. Thread-safe; share one per service.
/// </summary>
public sealed class AzureBlobStore : IBlobStore
{
    /// <summary>The OAuth scope of Azure Storage, for Entra ID tokens.</summary>
    public const string StorageScope = "https://storage.azure.com/.default";

    internal const string DefaultContentType = "application/octet-stream";

    private const int MaxPageSize = 5000;

    private readonly HttpPipeline _pipeline;
    private readonly AzureBlobStoreOptions _options;
    private readonly string _basePath;
    private readonly ArrayPool<byte> _blockPool;

    /// <summary>A store authorized with the account key (Shared Key).</summary>
    public AzureBlobStore(Uri serviceUri, SharedKeyCredential credential, AzureBlobStoreOptions? options = null)
        : this(serviceUri, new SharedKeyAuthenticationPolicy(credential ?? throw new ArgumentNullException(nameof(credential))), options)
    {
    }

    /// <summary>A store authorized with Entra ID tokens for <see cref="StorageScope"/>; tokens only travel over https.</summary>
    public AzureBlobStore(Uri serviceUri, TokenCredential credential, AzureBlobStoreOptions? options = null)
        : this(serviceUri, BearerPolicy(serviceUri, credential), options)
    {
    }

    private AzureBlobStore(Uri serviceUri, HttpPipelinePolicy authorization, AzureBlobStoreOptions? options)
    {
        ArgumentNullException.ThrowIfNull(serviceUri);
        if (!serviceUri.IsAbsoluteUri || (serviceUri.Scheme != Uri.UriSchemeHttp && serviceUri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The blob service address must be an absolute http(s) URI, not '{serviceUri}'.", nameof(serviceUri));
        }

        _options = options ?? new AzureBlobStoreOptions();
        _options.Validate();
        ServiceUri = serviceUri;
        _basePath = serviceUri.AbsolutePath.TrimEnd('/');
        _blockPool = ArrayPool<byte>.Create(_options.BlockSize, _options.MaxParallelBlocks);
        var pipelineOptions = new HttpPipelineOptions(_options);
        pipelineOptions.PerRetryPolicies.Add(authorization);
        _pipeline = HttpPipelineBuilder.Build(pipelineOptions);
    }

    /// <summary>The account's blob endpoint, e.g. <c>https://acct.blob.core.windows.net/</c> or <c>http://127.0.0.1:10000/devstoreaccount1</c>.</summary>
    public Uri ServiceUri { get; }

    public async Task<bool> CreateContainerIfNotExistsAsync(string container, CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateContainer(container);
        using var message = CreateMessage(RequestMethod.Put, container, blobName: null);
        message.Request.Uri.AppendQuery("restype", "container");
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status == 201)
        {
            return true;
        }

        if (response.Status == 409 && response.Headers.TryGetValue("x-ms-error-code", out var code) && code == BlobErrorCodes.ContainerAlreadyExists)
        {
            return false;
        }

        throw await AzureResponses.ErrorAsync(response, "Create Container", container, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<BlobUploadResult> UploadAsync(string container, string blobName, Stream content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateContainer(container);
        BlobNames.ValidateBlob(blobName);
        ArgumentNullException.ThrowIfNull(content);
        options ??= BlobUploadOptions.Default;
        var metadata = BlobMetadata.Normalize(options.Metadata);
        var contentType = options.ContentType ?? DefaultContentType;

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var blockSize = _options.BlockSize;
        byte[]? first = _blockPool.Rent(blockSize);
        byte[]? second = null;
        try
        {
            var firstLength = await FillAsync(content, first, blockSize, hash, cancellationToken).ConfigureAwait(false);
            var secondLength = 0;
            if (firstLength == blockSize)
            {
                second = _blockPool.Rent(blockSize);
                secondLength = await FillAsync(content, second, blockSize, hash, cancellationToken).ConfigureAwait(false);
            }

            if (secondLength == 0)
            {
                var (etag, lastModified) = await PutBlobAsync(container, blobName, first.AsMemory(0, firstLength), contentType, metadata, cancellationToken).ConfigureAwait(false);
                return new BlobUploadResult(container, blobName, firstLength, etag, lastModified, Convert.ToHexStringLower(hash.GetHashAndReset()));
            }

            // The blocks own their buffers from here on.
            var (firstBlock, secondBlock) = (first, second!);
            (first, second) = (null, null);
            return await UploadBlocksAsync(
                container, blobName, content, firstBlock, secondBlock, secondLength, contentType, metadata, hash, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (first is not null)
            {
                _blockPool.Return(first);
            }

            if (second is not null)
            {
                _blockPool.Return(second);
            }
        }
    }

    public async Task<BlobDownload> OpenReadAsync(string container, string blobName, BlobRange? range = null, CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateContainer(container);
        BlobNames.ValidateBlob(blobName);
        var offset = range?.Offset ?? 0;
        var read = await GetAsync(container, blobName, range, etag: null, async: true, cancellationToken).ConfigureAwait(false);
        var body = new ResumingReadStream(
            read.Stream,
            read.Length,
            async (position, async, ct) =>
            {
                var resumed = await GetAsync(container, blobName, new BlobRange(offset + position, read.Length - position), read.Properties.ETag, async, ct).ConfigureAwait(false);
                return resumed.Stream;
            },
            _options.Retry.MaxRetries);
        return new BlobDownload(body, read.Properties, offset, read.Length);
    }

    public async Task<BlobProperties> GetPropertiesAsync(string container, string blobName, CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateContainer(container);
        BlobNames.ValidateBlob(blobName);
        using var message = CreateMessage(RequestMethod.Head, container, blobName);
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status != 200)
        {
            throw await AzureResponses.ErrorAsync(response, "Get Blob Properties", container, blobName, cancellationToken).ConfigureAwait(false);
        }

        return AzureResponses.PropertiesOf(response, container, blobName, response.Headers.ContentLengthLong ?? 0);
    }

    public async Task SetMetadataAsync(string container, string blobName, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateContainer(container);
        BlobNames.ValidateBlob(blobName);
        var normalized = BlobMetadata.Normalize(metadata);
        using var message = CreateMessage(RequestMethod.Put, container, blobName);
        message.Request.Uri.AppendQuery("comp", "metadata");
        AddMetadata(message.Request, normalized);
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (message.Response.Status != 200)
        {
            throw await AzureResponses.ErrorAsync(message.Response, "Set Blob Metadata", container, blobName, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<BlobPage> ListPageAsync(string container, string? prefix = null, string? continuationToken = null, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateContainer(container);
        if (pageSize is { } size)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(size, 1, nameof(pageSize));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(size, MaxPageSize, nameof(pageSize));
        }

        using var message = CreateMessage(RequestMethod.Get, container, blobName: null);
        var uri = message.Request.Uri;
        uri.AppendQuery("restype", "container");
        uri.AppendQuery("comp", "list");
        uri.AppendQuery("include", "metadata");
        if (!string.IsNullOrEmpty(prefix))
        {
            uri.AppendQuery("prefix", prefix);
        }

        if (!string.IsNullOrEmpty(continuationToken))
        {
            uri.AppendQuery("marker", continuationToken);
        }

        if (pageSize is { } maxResults)
        {
            uri.AppendQuery("maxresults", maxResults.ToString(CultureInfo.InvariantCulture));
        }

        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status != 200 || response.ContentStream is null)
        {
            throw await AzureResponses.ErrorAsync(response, "List Blobs", container, null, cancellationToken).ConfigureAwait(false);
        }

        return await ListBlobsResult.ReadAsync(response.ContentStream, container, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(string container, string blobName, CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateContainer(container);
        BlobNames.ValidateBlob(blobName);
        using var message = CreateMessage(RequestMethod.Delete, container, blobName);
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return message.Response.Status switch
        {
            202 => true,
            404 => false,
            _ => throw await AzureResponses.ErrorAsync(message.Response, "Delete Blob", container, blobName, cancellationToken).ConfigureAwait(false),
        };
    }

    public async Task DiscardAsync(string container, string blobName, CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateContainer(container);
        BlobNames.ValidateBlob(blobName);

        // Staged blocks otherwise wait for the service to expire them (a week). Put Block List is documented to drop every
        // uncommitted block it does not list, so an empty commit first, then the delete, leaves nothing at all.
        await PutBlockListAsync(container, blobName, [], DefaultContentType, BlobMetadata.Normalize(null), cancellationToken).ConfigureAwait(false);
        await DeleteAsync(container, blobName, cancellationToken).ConfigureAwait(false);
    }

    private static BearerTokenAuthenticationPolicy BearerPolicy(Uri serviceUri, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(serviceUri);
        ArgumentNullException.ThrowIfNull(credential);

        // Azure.Core refuses bearer tokens over plain http at the first request; say so at construction instead.
        return serviceUri.Scheme == Uri.UriSchemeHttps
            ? new BearerTokenAuthenticationPolicy(credential, StorageScope)
            : throw new ArgumentException($"Entra ID tokens are only sent over https, and '{serviceUri}' is not https.", nameof(serviceUri));
    }

    private HttpMessage CreateMessage(RequestMethod method, string container, string? blobName, bool bufferResponse = true)
    {
        var message = _pipeline.CreateMessage();
        message.BufferResponse = bufferResponse;
        var request = message.Request;
        request.Method = method;
        // Parts, not Reset(ServiceUri): a Path set after Reset is lost unless a query follows.
        request.Uri.Scheme = ServiceUri.Scheme;
        request.Uri.Host = ServiceUri.Host;
        request.Uri.Port = ServiceUri.Port;
        var path = new StringBuilder(_basePath).Append('/').Append(container);
        if (blobName is not null)
        {
            foreach (var segment in blobName.Split('/'))
            {
                path.Append('/').Append(Uri.EscapeDataString(segment));
            }
        }

        request.Uri.Path = path.ToString();
        request.Headers.SetValue("x-ms-version", _options.ApiVersion);
        return message;
    }

    private static void AddMetadata(Request request, IReadOnlyDictionary<string, string> metadata)
    {
        foreach (var (name, value) in metadata)
        {
            request.Headers.SetValue("x-ms-meta-" + name, value);
        }
    }

    private async Task<(string ETag, DateTimeOffset LastModified)> PutBlobAsync(
        string container, string blobName, ReadOnlyMemory<byte> content, string contentType, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Put, container, blobName);
        var request = message.Request;
        request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        request.Headers.SetValue("x-ms-blob-content-type", contentType);
        AddMetadata(request, metadata);
        request.Content = RequestContent.Create(content);
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status != 201)
        {
            throw await AzureResponses.ErrorAsync(response, "Put Blob", container, blobName, cancellationToken).ConfigureAwait(false);
        }

        return (AzureResponses.ETagOf(response), AzureResponses.LastModifiedOf(response));
    }

    /// <summary>
    /// Reads the rest of the stream block by block and puts up to MaxParallelBlocks of them at
    /// once. Memory stays at MaxParallelBlocks (at least two) pooled buffers: a buffer is only
    /// rented when a permit is free, and returned when its block is stored.
    /// </summary>
    private async Task<BlobUploadResult> UploadBlocksAsync(
        string container,
        string blobName,
        Stream content,
        byte[] firstBlock,
        byte[] secondBlock,
        int secondLength,
        string contentType,
        IReadOnlyDictionary<string, string> metadata,
        IncrementalHash hash,
        CancellationToken cancellationToken)
    {
        var blockSize = _options.BlockSize;
        var uploadId = Guid.NewGuid().ToString("N");
        var blockIds = new List<string>();
        var uploads = new List<Task>();

        // One permit per buffer in existence; the two look-ahead buffers already hold theirs.
        var buffers = Math.Max(2, _options.MaxParallelBlocks);
        using var permits = new SemaphoreSlim(buffers - 2, buffers);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long size = 0;
        byte[]? held = null;

        void Start(byte[] buffer, int length)
        {
            if (blockIds.Count == AzureBlobStoreOptions.MaxBlockCount)
            {
                _blockPool.Return(buffer);
                permits.Release();
                throw new BlobStoreException(
                    413,
                    "BlockCountExceedsLimit",
                    $"'{blobName}' needs more than {AzureBlobStoreOptions.MaxBlockCount} blocks of {blockSize} bytes; raise {nameof(AzureBlobStoreOptions.BlockSize)}.");
            }

            var blockId = Convert.ToBase64String(Encoding.ASCII.GetBytes($"{uploadId}-{blockIds.Count:D6}"));
            blockIds.Add(blockId);
            size += length;
            uploads.Add(PutBlockAsync(container, blobName, blockId, buffer, length, permits, failed));
        }

        try
        {
            Start(firstBlock, blockSize);
            Start(secondBlock, secondLength);
            var length = secondLength;
            while (length == blockSize)
            {
                await permits.WaitAsync(failed.Token).ConfigureAwait(false);
                held = _blockPool.Rent(blockSize);
                length = await FillAsync(content, held, blockSize, hash, failed.Token).ConfigureAwait(false);
                var buffer = held;
                held = null;
                if (length == 0)
                {
                    _blockPool.Return(buffer);
                    permits.Release();
                    break;
                }

                Start(buffer, length);
            }

            await Task.WhenAll(uploads).ConfigureAwait(false);
        }
        catch (Exception)
        {
            if (held is not null)
            {
                _blockPool.Return(held);
            }

            await failed.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(uploads).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

            // The block that failed first cancelled the others and the reader: report its error, not theirs.
            var blockFailure = uploads.FirstOrDefault(static u => u.IsFaulted)?.Exception?.InnerException;
            if (blockFailure is not null)
            {
                ExceptionDispatchInfo.Throw(blockFailure);
            }

            throw;
        }

        var (etag, lastModified) = await PutBlockListAsync(container, blobName, blockIds, contentType, metadata, cancellationToken).ConfigureAwait(false);
        return new BlobUploadResult(container, blobName, size, etag, lastModified, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private async Task PutBlockAsync(string container, string blobName, string blockId, byte[] buffer, int length, SemaphoreSlim permits, CancellationTokenSource failed)
    {
        try
        {
            using var message = CreateMessage(RequestMethod.Put, container, blobName);
            message.Request.Uri.AppendQuery("comp", "block");
            message.Request.Uri.AppendQuery("blockid", blockId);
            message.Request.Content = RequestContent.Create(buffer.AsMemory(0, length));
            await _pipeline.SendAsync(message, failed.Token).ConfigureAwait(false);
            if (message.Response.Status != 201)
            {
                throw await AzureResponses.ErrorAsync(message.Response, "Put Block", container, blobName, failed.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await failed.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            _blockPool.Return(buffer);
            permits.Release();
        }
    }

    private async Task<(string ETag, DateTimeOffset LastModified)> PutBlockListAsync(
        string container, string blobName, List<string> blockIds, string contentType, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var body = new StringBuilder(64 + (blockIds.Count * 70));
        body.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
        foreach (var id in blockIds)
        {
            body.Append("<Latest>").Append(id).Append("</Latest>");
        }

        body.Append("</BlockList>");
        using var message = CreateMessage(RequestMethod.Put, container, blobName);
        var request = message.Request;
        request.Uri.AppendQuery("comp", "blocklist");
        request.Headers.SetValue("x-ms-blob-content-type", contentType);
        AddMetadata(request, metadata);
        request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(body.ToString()));
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status == 400 && response.Headers.TryGetValue("x-ms-error-code", out var code) && code == "InvalidBlockList")
        {
            throw new BlobStoreException(
                400,
                code,
                $"Put Block List of blob '{blobName}' in container '{container}' failed: its blocks are gone, most likely because another upload of the same blob committed first (a commit discards every uncommitted block).");
        }

        if (response.Status != 201)
        {
            throw await AzureResponses.ErrorAsync(response, "Put Block List", container, blobName, cancellationToken).ConfigureAwait(false);
        }

        return (AzureResponses.ETagOf(response), AzureResponses.LastModifiedOf(response));
    }

    /// <summary>Get Blob, unbuffered; the caller owns the returned body stream.</summary>
    private async ValueTask<(Stream Stream, long Length, BlobProperties Properties)> GetAsync(
        string container, string blobName, BlobRange? range, string? etag, bool async, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Get, container, blobName, bufferResponse: false);
        if (range is { } r)
        {
            message.Request.Headers.SetValue("x-ms-range", r.ToString());
        }

        if (etag is not null)
        {
            message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, etag);
        }

        if (async)
        {
            await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _pipeline.Send(message, cancellationToken);
        }

        var response = message.Response;
        if (response.Status == 416 && range is { } unsatisfiable)
        {
            throw new BlobRangeNotSatisfiableException(container, blobName, unsatisfiable, AzureResponses.TotalSizeFromContentRange(response));
        }

        if (response.Status == 412 && etag is not null)
        {
            throw new BlobStoreException(412, "ConditionNotMet", $"The blob '{blobName}' in container '{container}' changed while it was being read.");
        }

        if (response.Status is not (200 or 206))
        {
            throw await AzureResponses.ErrorAsync(response, "Get Blob", container, blobName, cancellationToken).ConfigureAwait(false);
        }

        var length = response.Headers.ContentLengthLong
            ?? throw new BlobStoreException(response.Status, null, $"Get Blob of '{blobName}' in container '{container}' answered without a Content-Length.");
        var size = response.Status == 206 ? AzureResponses.TotalSizeFromContentRange(response) ?? (range?.Offset ?? 0) + length : length;
        if (range is { } requested && requested.Offset >= size)
        {
            // Azure answers 416 here; Azurite answers 206 with nothing for some such ranges. Say what Azure says.
            throw new BlobRangeNotSatisfiableException(container, blobName, requested, size);
        }

        var properties = AzureResponses.PropertiesOf(response, container, blobName, size);
        var stream = message.ExtractResponseContent() ?? new MemoryStream([], writable: false);
        return (stream, length, properties);
    }

    /// <summary>Reads until the buffer holds <paramref name="count"/> bytes or the stream ends.</summary>
    private static async Task<int> FillAsync(Stream stream, byte[] buffer, int count, IncrementalHash hash, CancellationToken cancellationToken)
    {
        var filled = await stream.ReadAtLeastAsync(buffer.AsMemory(0, count), count, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        hash.AppendData(buffer, 0, filled);
        return filled;
    }
}
