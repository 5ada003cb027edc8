using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Mlops.Grpc.Compression;
using Mlops.Grpc.Protocol;

namespace Mlops.Grpc.Client;

/// <summary>One gRPC call over one HTTP/2 stream, of any of the four kinds.</summary>
internal sealed class GrpcCall<TRequest, TResponse> : IAsyncStreamReader<TResponse>, IClientStreamWriter<TRequest>, IDisposable
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    // One source for the whole call: the caller's token, the deadline and our own aborts cancel it.
    private readonly CancellationTokenSource _callCts = new();
    private readonly CancellationTokenRegistration _callerRegistration;
    private readonly DateTime? _deadline;
    private readonly TaskCompletionSource<Metadata> _responseHeaders = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ICompressionProvider? _requestCompression;
    private readonly Activity? _activity;
    private GrpcRequestContent? _content;
    private HttpResponseMessage? _response;
    private GrpcMessageReader? _reader;
    private Status? _status;
    private Metadata _trailers = new();
    private Google.Rpc.Status? _richStatus;

    public GrpcCall(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
        _requestCompression = options.WriteCompression is null
            ? null
            : channel.Options.Compression.Find(options.WriteCompression)
              ?? throw new ArgumentException($"Unknown compression '{options.WriteCompression}'.", nameof(options));
        _deadline = NormalizeDeadline(options.Deadline);
        if (options.CancellationToken.CanBeCanceled)
        {
            _callerRegistration = options.CancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), _callCts);
        }

        _activity = GrpcClientTelemetry.StartCall(method.ServiceName, method.Name, channel.Address);
    }

    public TResponse Current { get; private set; } = null!;

    public Task<Metadata> ResponseHeadersAsync => _responseHeaders.Task;

    public Status GetStatus() => _status ?? throw new InvalidOperationException("The call has not finished yet.");

    public Metadata GetTrailers() => _status is null ? throw new InvalidOperationException("The call has not finished yet.") : _trailers;

    /// <summary>Sends the request headers, and the one request message of a unary or server-streaming call.</summary>
    public void Start(TRequest? request)
    {
        if (_deadline is { } deadline && deadline <= DateTime.UtcNow)
        {
            Fail(new RpcException(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
            return;
        }

        HttpRequestMessage httpRequest;
        try
        {
            _content = request is null
                ? GrpcRequestContent.Streaming()
                : GrpcRequestContent.Single(Frame(request));
            httpRequest = CreateRequest(_content);
        }
        catch (RpcException ex)
        {
            Fail(ex);
            return;
        }

        if (_deadline is { } due)
        {
            _callCts.CancelAfter(Clamp(due - DateTime.UtcNow));
        }

        _ = SendAsync(httpRequest);
    }

    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        await _responseHeaders.Task.ConfigureAwait(false);
        if (_status is { } finished)
        {
            ThrowIfFailed(finished);
            return false;
        }

        using var registration = cancellationToken.CanBeCanceled ? cancellationToken.Register(static s => ((CancellationTokenSource)s!).Cancel(), _callCts) : default;
        try
        {
            var message = await _reader!.ReadAsync(_method.ResponseParser, _callCts.Token).ConfigureAwait(false);
            if (message is not null)
            {
                Current = message;
                return true;
            }

            Finish(ReadStatus(_response!.TrailingHeaders, out var trailers, out var rich), trailers, rich);
        }
        catch (Exception ex)
        {
            throw Fail(ex);
        }

        ThrowIfFailed(_status!.Value);
        return false;
    }

    /// <summary>The one response of a unary or client-streaming call.</summary>
    public async Task<TResponse> ReadSingleResponseAsync()
    {
        if (!await MoveNext().ConfigureAwait(false))
        {
            throw Fail(new RpcException(StatusCode.Internal, "The server completed the call with OK but sent no response message."));
        }

        var response = Current;
        if (await MoveNext().ConfigureAwait(false))
        {
            throw Fail(new RpcException(StatusCode.Internal, "The server sent more than one response message to a call that expects one."));
        }

        return response;
    }

    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_status is { } finished)
        {
            ThrowIfFailed(finished);
            throw new InvalidOperationException("The call is already complete; no more messages can be written.");
        }

        if (_content is null || _content.IsCompleted)
        {
            throw new InvalidOperationException("The request stream has already been completed.");
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _callCts.Token);
        try
        {
            await _content.WriteAsync(Frame(message), linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not InvalidOperationException)
        {
            if (cancellationToken.IsCancellationRequested && !_callCts.IsCancellationRequested)
            {
                throw;
            }

            // A failed write usually means the server already ended the call, and HttpClient
            // stopped the request body before the answer was read: report the server's status.
            if (_status is null)
            {
                await Task.WhenAny(_responseHeaders.Task, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
            }

            if (_status is { } status)
            {
                ThrowIfFailed(status);
                throw new InvalidOperationException("The call is already complete; no more messages can be written.", ex);
            }

            if (_callCts.IsCancellationRequested)
            {
                throw Fail(ex);
            }

            // The outcome of the call is for the response side to tell; this write just failed.
            throw new RpcException(ToStatus(ex), new Metadata(), null, ex);
        }
    }

    public Task CompleteAsync()
    {
        _content?.Complete();
        return Task.CompletedTask;
    }

    /// <summary>Cancels the call if it still runs, and resets a request stream left open.</summary>
    public void Dispose()
    {
        if (_status is null)
        {
            Fail(new RpcException(Status.DefaultCancelled));
        }

        ReleaseResources();
    }

    private async Task SendAsync(HttpRequestMessage request)
    {
        try
        {
            var response = await _channel.Invoker.SendAsync(request, _callCts.Token).ConfigureAwait(false);
            _response = response;
            if (_status is not null)
            {
                // Canceled or disposed while the headers were on their way.
                response.Dispose();
                return;
            }

            var headers = ReadMetadata(response.Headers);
            var trailersOnlyStatus = CheckResponseHeaders(response, out var rich);
            if (trailersOnlyStatus is { } status)
            {
                Finish(status, headers, rich);
            }
            else
            {
                var encoding = HeaderValue(response.Headers, GrpcProtocol.EncodingHeader);
                var compression = encoding is null || encoding == GrpcProtocol.IdentityEncoding ? null : _channel.Options.Compression.Find(encoding)
                    ?? throw new RpcException(StatusCode.Internal, $"The server replied with grpc-encoding '{encoding}', which this client does not support.");
                var stream = await response.Content.ReadAsStreamAsync(_callCts.Token).ConfigureAwait(false);
                _reader = new GrpcMessageReader(PipeReader.Create(stream), _channel.Options.MaxReceiveMessageSize, compression);
            }

            _responseHeaders.TrySetResult(headers);
        }
        catch (Exception ex)
        {
            _responseHeaders.TrySetException(Fail(ex));
        }
    }

    private HttpRequestMessage CreateRequest(HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_channel.Address, _method.FullName))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var headers = request.Headers;
        headers.TryAddWithoutValidation(GrpcProtocol.TeHeader, GrpcProtocol.TeTrailers);
        headers.TryAddWithoutValidation("User-Agent", GrpcChannel.UserAgent);
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, _channel.Options.Compression.AcceptEncoding);
        if (_requestCompression is not null)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.EncodingHeader, _requestCompression.EncodingName);
        }

        if (_deadline is { } deadline)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(deadline - DateTime.UtcNow));
        }

        if (_options.Headers is { } metadata)
        {
            foreach (var entry in metadata)
            {
                headers.TryAddWithoutValidation(entry.Key, entry.Value);
            }
        }

        GrpcClientTelemetry.InjectTraceContext(_activity, headers);
        return request;
    }

    private ReadOnlyMemory<byte> Frame(TRequest message) =>
        GrpcMessageWriter.ToFrame(message, _channel.Options.MaxSendMessageSize ?? int.MaxValue, _requestCompression);

    /// <summary>Checks the response headers; returns the status when the call already ended (Trailers-Only or not gRPC).</summary>
    private static Status? CheckResponseHeaders(HttpResponseMessage response, out Google.Rpc.Status? rich)
    {
        rich = null;

        // A grpc-status, when present, is the answer, whatever the HTTP status says.
        if (HeaderValue(response.Headers, GrpcProtocol.StatusHeader) is not null)
        {
            return ReadStatus(response.Headers, out _, out rich);
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            var code = response.StatusCode switch
            {
                HttpStatusCode.BadRequest => StatusCode.Internal,
                HttpStatusCode.Unauthorized => StatusCode.Unauthenticated,
                HttpStatusCode.Forbidden => StatusCode.PermissionDenied,
                HttpStatusCode.NotFound => StatusCode.Unimplemented,
                HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => StatusCode.Unavailable,
                _ => StatusCode.Unknown,
            };
            return new Status(code, $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}.");
        }

        var contentType = response.Content.Headers.ContentType?.MediaType is null ? null : response.Content.Headers.ContentType.ToString();
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            return new Status(StatusCode.Unknown, $"Bad gRPC response. Invalid content-type value: {contentType ?? "(none)"}.");
        }

        return null;
    }

    private static Status ReadStatus(HttpHeaders headers, out Metadata trailers, out Google.Rpc.Status? rich)
    {
        trailers = ReadMetadata(headers);
        rich = null;
        var statusText = HeaderValue(headers, GrpcProtocol.StatusHeader);
        if (statusText is null)
        {
            return new Status(StatusCode.Internal, "The response ended without a grpc-status.");
        }

        if (!int.TryParse(statusText, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return new Status(StatusCode.Internal, $"Unexpected grpc-status value '{statusText}'.");
        }

        if (HeaderValue(headers, GrpcProtocol.StatusDetailsHeader) is { } details)
        {
            try
            {
                rich = Google.Rpc.Status.Parser.ParseFrom(BinaryHeaderEncoding.Decode(details));
            }
            catch (Exception ex) when (ex is FormatException or InvalidProtocolBufferException)
            {
                rich = null;
            }
        }

        return new Status((StatusCode)code, StatusMessageEncoding.Decode(HeaderValue(headers, GrpcProtocol.MessageHeader)));
    }

    private static Metadata ReadMetadata(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var header in headers.NonValidated)
        {
            if (GrpcProtocol.IsReservedHeader(header.Key))
            {
                continue;
            }

            var key = header.Key.ToLowerInvariant();
            foreach (var value in header.Value)
            {
                foreach (var entry in MetadataEntry.FromHeader(key, value))
                {
                    metadata.Add(entry);
                }
            }
        }

        return metadata;
    }

    private static string? HeaderValue(HttpHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values) ? values.ToString() : null;

    private void ThrowIfFailed(Status status)
    {
        if (status.Code != StatusCode.OK)
        {
            throw new RpcException(status, _trailers, _richStatus);
        }
    }

    /// <summary>Ends the call with the status an exception stands for, and resets the stream.</summary>
    private RpcException Fail(Exception ex)
    {
        var rpc = ex as RpcException ?? new RpcException(ToStatus(ex), new Metadata(), null, ex);
        if (_status is { } existing)
        {
            return existing.Code == StatusCode.OK ? rpc : new RpcException(existing, _trailers, _richStatus);
        }

        Finish(rpc.Status, rpc.Trailers, rpc.RichStatus, endedByServer: false);
        if (_responseHeaders.TrySetException(rpc))
        {
            // Callers of a failed unary call rarely ask for its headers; don't report that as unobserved.
            _ = _responseHeaders.Task.Exception;
        }

        if (!_callCts.IsCancellationRequested)
        {
            _callCts.Cancel();
        }

        return rpc;
    }

    private Status ToStatus(Exception ex)
    {
        if (_callCts.IsCancellationRequested)
        {
            // Our own aborts set the status first, so an unexplained cancel is the caller's or the deadline's.
            var deadlineHit = !_options.CancellationToken.IsCancellationRequested && _deadline is { } deadline && deadline <= DateTime.UtcNow.AddMilliseconds(50);
            return deadlineHit ? new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded") : Status.DefaultCancelled;
        }

        // HttpClient wraps the HTTP/2 reset of a stream that had no response yet.
        var protocolError = ex as HttpProtocolException ?? ex.InnerException as HttpProtocolException ?? ex.InnerException?.InnerException as HttpProtocolException;
        if (protocolError is not null)
        {
            ex = protocolError;
        }

        return ex switch
        {
            HttpProtocolException { ErrorCode: 0x8 } => new Status(StatusCode.Cancelled, "The server reset the stream (CANCEL)."),
            HttpProtocolException { ErrorCode: 0x7 } => new Status(StatusCode.Unavailable, "The server refused the stream (REFUSED_STREAM)."),
            HttpProtocolException { ErrorCode: 0xB } => new Status(StatusCode.ResourceExhausted, "The server reset the stream (ENHANCE_YOUR_CALM)."),
            HttpProtocolException { ErrorCode: 0xC } => new Status(StatusCode.PermissionDenied, "The server reset the stream (INADEQUATE_SECURITY)."),
            HttpProtocolException protocol => new Status(StatusCode.Internal, $"HTTP/2 error: {protocol.Message}"),
            HttpRequestException or IOException => new Status(StatusCode.Unavailable, $"Error talking to {_channel.Address}: {ex.Message}"),
            OperationCanceledException => Status.DefaultCancelled,
            _ => new Status(StatusCode.Internal, $"Error in the gRPC call: {ex.Message}"),
        };
    }

    private void Finish(Status status, Metadata trailers, Google.Rpc.Status? rich, bool endedByServer = true)
    {
        lock (_responseHeaders)
        {
            if (_status is not null)
            {
                return;
            }

            _trailers = trailers;
            _richStatus = rich;
            _status = status;
        }

        GrpcClientTelemetry.StopCall(_activity, status);
        _response?.Dispose();

        // The server may end the call before the client half-closed. Half-close now: a stream
        // left open on our side still counts against the server's stream limit, and HttpClient
        // sends no reset for a request body canceled after the response ended. (Fail cancels the
        // whole request instead, which resets the stream.)
        if (endedByServer)
        {
            _content?.Complete();
        }
        else
        {
            _content?.Abort();
        }

        _callerRegistration.Dispose();
        _callCts.CancelAfter(Timeout.InfiniteTimeSpan);
    }

    private void ReleaseResources()
    {
        _content?.Abort();
        _callerRegistration.Dispose();
        _response?.Dispose();
    }

    /// <summary>UTC, or null for none; DateTime.MaxValue (a server context's "no deadline") is none.</summary>
    internal static DateTime? NormalizeDeadline(DateTime? deadline) => deadline switch
    {
        null => null,
        { } d when d == DateTime.MaxValue => null,
        { Kind: DateTimeKind.Local } d => d.ToUniversalTime(),
        { } d => d,
    };

    // CancelAfter takes at most ~49 days; a deadline further off is no deadline in practice.
    private static TimeSpan Clamp(TimeSpan delay) =>
        delay < TimeSpan.Zero ? TimeSpan.Zero : delay > TimeSpan.FromDays(30) ? TimeSpan.FromDays(30) : delay;
}
