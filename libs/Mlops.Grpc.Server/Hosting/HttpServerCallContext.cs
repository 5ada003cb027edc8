using System.IO.Pipelines;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using Mlops.Grpc.Compression;
using Mlops.Grpc.Protocol;

namespace Mlops.Grpc.Server.Hosting;

/// <summary>One call on one HTTP/2 stream: request reading, response writing, deadline and status.</summary>
internal sealed class HttpServerCallContext : ServerCallContext, IDisposable
{
    private const int Http2CancelErrorCode = 0x8;

    private static readonly StringValues GrpcContentType = GrpcProtocol.ContentType;
    private static readonly TimeSpan DeadlineGracePeriod = TimeSpan.FromSeconds(1);

    private readonly HttpContext _http;
    private readonly GrpcServerOptions _options;
    private readonly CancellationTokenSource? _deadlineCts;
    private readonly CancellationTokenSource? _linkedCts;
    private Metadata? _requestHeaders;
    private Dictionary<object, object?>? _userState;
    private GrpcMessageReader? _reader;
    private ICompressionProvider? _responseCompressionProvider;
    private string? _responseCompression;
    private bool _responseStarted;
    private CancellationTokenRegistration _deadlineRegistration;
    private Timer? _deadlineGrace;
    private int _completed;

    public HttpServerCallContext(HttpContext http, GrpcServerOptions options, string method)
    {
        _http = http;
        _options = options;
        Method = method;
        Deadline = DateTime.MaxValue;
        if (GrpcTimeout.TryParse(http.Request.Headers[GrpcProtocol.TimeoutHeader], out var timeout))
        {
            // CancellationTokenSource takes at most ~49 days; a longer timeout is no deadline in practice.
            var bounded = timeout > TimeSpan.FromDays(30) ? TimeSpan.FromDays(30) : timeout;
            Deadline = DateTime.UtcNow + bounded;
            _deadlineCts = new CancellationTokenSource(bounded);
            _linkedCts = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _deadlineCts.Token);
            _deadlineRegistration = _deadlineCts.Token.UnsafeRegister(static s => ((HttpServerCallContext)s!).OnDeadline(), this);
        }

        CancellationToken = _linkedCts?.Token ?? http.RequestAborted;
        _responseCompression = options.ResponseCompression;
    }

    public override string Method { get; }

    public override string Host => _http.Request.Host.Value ?? string.Empty;

    public override string Peer
    {
        get
        {
            var connection = _http.Connection;
            return connection.RemoteIpAddress switch
            {
                null => "unknown",
                { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } ip => $"ipv6:[{ip}]:{connection.RemotePort}",
                var ip => $"ipv4:{ip}:{connection.RemotePort}",
            };
        }
    }

    public override DateTime Deadline { get; }

    public override CancellationToken CancellationToken { get; }

    public override Metadata RequestHeaders => _requestHeaders ??= ReadRequestHeaders(_http.Request.Headers);

    public override Metadata ResponseTrailers { get; } = new();

    public override Status Status { get; set; } = Status.DefaultSuccess;

    public override string? ResponseCompression
    {
        get => _responseCompression;
        set
        {
            if (_responseStarted)
            {
                throw new InvalidOperationException("Response compression must be chosen before the response headers are sent.");
            }

            _responseCompression = value;
        }
    }

    public override bool RequestMessageCompressed => _reader?.LastMessageCompressed ?? false;

    public override IDictionary<object, object?> UserState => _userState ??= [];

    public bool DeadlineExceeded => _deadlineCts?.IsCancellationRequested == true;

    public Google.Rpc.Status? RichStatus { get; set; }

    public GrpcServerOptions Options => _options;

    public override HttpContext GetHttpContext() => _http;

    /// <summary>Checks what the request asks of the server; a status means the call cannot go on.</summary>
    public Status? Validate()
    {
        var encoding = _http.Request.Headers[GrpcProtocol.EncodingHeader].ToString();
        ICompressionProvider? requestCompression = null;
        if (encoding.Length > 0 && encoding != GrpcProtocol.IdentityEncoding)
        {
            requestCompression = _options.Compression.Find(encoding);
            if (requestCompression is null)
            {
                return new Status(StatusCode.Unimplemented, $"Unsupported grpc-encoding value '{encoding}'. Supported encodings: {_options.Compression.AcceptEncoding}");
            }
        }

        _reader = new GrpcMessageReader(_http.Request.BodyReader, _options.MaxReceiveMessageSize, requestCompression);
        return null;
    }

    public async ValueTask<T?> ReadMessageAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        try
        {
            return await _reader!.ReadAsync(parser, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            ClientGone = true;
            throw new OperationCanceledException("The client reset the request stream.", ex, CancellationToken);
        }
    }

    /// <summary>The client reset the stream or stopped reading: nothing more can reach it.</summary>
    public bool ClientGone { get; set; }

    /// <summary>Reads the one request of a unary or server-streaming call.</summary>
    public async Task<T> ReadSingleMessageAsync<T>(MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        var message = await ReadMessageAsync(parser, CancellationToken).ConfigureAwait(false)
            ?? throw new RpcException(StatusCode.Internal, "The request ended without a message.");
        if (await ReadMessageAsync(parser, CancellationToken).ConfigureAwait(false) is not null)
        {
            throw new RpcException(StatusCode.Internal, "The request carried more than one message to a method that takes one.");
        }

        return message;
    }

    public override async Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        if (_responseStarted)
        {
            throw new InvalidOperationException("Response headers can only be sent once per call.");
        }

        AppendMetadata(_http.Response.Headers, responseHeaders);
        EnsureResponseStarted();

        // Not the deadline's token: Kestrel aborts a stream whose flush is canceled by a token.
        await _http.Response.BodyWriter.FlushAsync(_http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Frames the one response message into the body without flushing: Kestrel sends it with
    /// the trailers when the call completes, in one write instead of two.
    /// </summary>
    public void WriteSingleMessage(IMessage message) =>
        GrpcMessageWriter.Write(_http.Response.BodyWriter, message, _options.MaxSendMessageSize, EnsureResponseStarted());

    /// <summary>Sets the response headers once (they go out with the first flush); returns the message compression.</summary>
    public ICompressionProvider? EnsureResponseStarted()
    {
        if (!_responseStarted)
        {
            StartResponse();
            _responseStarted = true;
        }

        return _responseCompressionProvider;
    }

    private ICompressionProvider? ResolveResponseCompression()
    {
        if (_responseCompression is null || _responseCompression == GrpcProtocol.IdentityEncoding)
        {
            return null;
        }

        var accepted = CompressionProviders.Accepts(_http.Request.Headers[GrpcProtocol.AcceptEncodingHeader], _responseCompression);
        return accepted ? _options.Compression.Find(_responseCompression) : null;
    }

    /// <summary>Ends the call: trailers after a body, or Trailers-Only when nothing was sent.</summary>
    public void WriteStatus(Status status)
    {
        var response = _http.Response;
        if (!_responseStarted)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = GrpcContentType;
            response.Headers[GrpcProtocol.AcceptEncodingHeader] = _options.Compression.AcceptEncoding;
            WriteStatusHeaders(response.Headers, status);
            AppendMetadata(response.Headers, ResponseTrailers);
            return;
        }

        var trailers = _http.Features.Get<IHttpResponseTrailersFeature>()?.Trailers
            ?? throw new InvalidOperationException("The server does not support response trailers; gRPC needs HTTP/2.");
        WriteStatusHeaders(trailers, status);
        AppendMetadata(trailers, ResponseTrailers);
    }

    /// <summary>The call is over: a late deadline must no longer reset the stream.</summary>
    public void MarkCompleted() => Interlocked.Exchange(ref _completed, 1);

    public void Dispose()
    {
        MarkCompleted();
        _deadlineRegistration.Dispose();
        _deadlineGrace?.Dispose();
        _linkedCts?.Dispose();
        _deadlineCts?.Dispose();
    }

    // The handler's token is canceled now. A handler that ignores it, or a response stuck behind
    // a client that stopped reading, gets a grace period; then the stream is reset with CANCEL,
    // as the protocol asks of a server whose deadline passed.
    private void OnDeadline() =>
        _deadlineGrace = new Timer(static s => ((HttpServerCallContext)s!).ResetIfStillRunning(), this, DeadlineGracePeriod, Timeout.InfiniteTimeSpan);

    private void ResetIfStillRunning()
    {
        if (Interlocked.Exchange(ref _completed, 1) == 0)
        {
            ClientGone = true;
            _http.Features.Get<IHttpResetFeature>()?.Reset(Http2CancelErrorCode);
        }
    }

    private void StartResponse()
    {
        var response = _http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcContentType;
        _responseCompressionProvider = ResolveResponseCompression();
        if (_responseCompressionProvider is not null)
        {
            response.Headers[GrpcProtocol.EncodingHeader] = _responseCompressionProvider.EncodingName;
        }

        response.Headers[GrpcProtocol.AcceptEncodingHeader] = _options.Compression.AcceptEncoding;
    }

    private void WriteStatusHeaders(IHeaderDictionary headers, Status status)
    {
        headers[GrpcProtocol.StatusHeader] = StatusCodeText(status.Code);
        if (status.Detail.Length > 0)
        {
            headers[GrpcProtocol.MessageHeader] = StatusMessageEncoding.Encode(status.Detail);
        }

        if (RichStatus is { } rich)
        {
            headers[GrpcProtocol.StatusDetailsHeader] = BinaryHeaderEncoding.Encode(rich.ToByteArray());
        }
    }

    private static string StatusCodeText(StatusCode code) => ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void AppendMetadata(IHeaderDictionary headers, Metadata metadata)
    {
        foreach (var entry in metadata)
        {
            headers.Append(entry.Key, entry.Value);
        }
    }

    private static Metadata ReadRequestHeaders(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var header in headers)
        {
            if (GrpcProtocol.IsReservedHeader(header.Key))
            {
                continue;
            }

            var key = header.Key.ToLowerInvariant();
            foreach (var value in header.Value)
            {
                if (value is null)
                {
                    continue;
                }

                foreach (var entry in MetadataEntry.FromHeader(key, value))
                {
                    metadata.Add(entry);
                }
            }
        }

        return metadata;
    }
}
