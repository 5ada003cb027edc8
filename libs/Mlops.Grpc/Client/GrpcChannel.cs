using System.Net;
using Google.Protobuf;
using Microsoft.Extensions.Configuration;

namespace Mlops.Grpc.Client;

/// <summary>
/// A client connection to one gRPC server over HttpClient: h2c for http:// addresses (prior
/// knowledge), HTTP/2 over TLS with ALPN for https://. Thread-safe; share one per server.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    internal const string UserAgent = "grpc-csharp-mlops/1.0";

    private GrpcChannel(Uri address, GrpcChannelOptions options)
    {
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"A gRPC address must be http:// or https://, not '{address}'.", nameof(address));
        }

        Address = address;
        Options = options;
        var handler = options.HttpHandler ?? CreateDefaultHandler();
        Invoker = new HttpMessageInvoker(handler, disposeHandler: options.HttpHandler is null || options.DisposeHttpHandler);
    }

    public Uri Address { get; }

    internal GrpcChannelOptions Options { get; }

    internal HttpMessageInvoker Invoker { get; }

    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null) => ForAddress(new Uri(address), options);

    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null) => new(address, options ?? new GrpcChannelOptions());

    /// <summary>
    /// The channel to another service, at the address the Aspire contract gives it:
    /// <c>services__{service}__{endpoint}__0</c> (configuration key <c>services:{service}:{endpoint}:0</c>).
    /// </summary>
    public static GrpcChannel ForService(IConfiguration configuration, string service, string endpoint = "grpc", GrpcChannelOptions? options = null)
    {
        var key = $"services:{service}:{endpoint}:0";
        var address = configuration[key];
        if (string.IsNullOrWhiteSpace(address))
        {
            throw new InvalidOperationException(
                $"No address for service '{service}': set services__{service}__{endpoint}__0 (configuration '{key}').");
        }

        return ForAddress(address, options);
    }

    public AsyncUnaryCall<TResponse> UnaryAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = new RetryingUnaryCall<TRequest, TResponse>(this, method, request, options);
        return new AsyncUnaryCall<TResponse>(call.RunAsync(), () => call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public AsyncServerStreamingCall<TResponse> ServerStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = new GrpcCall<TRequest, TResponse>(this, method, options);
        call.Start(request);
        return new AsyncServerStreamingCall<TResponse>(call, call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public AsyncClientStreamingCall<TRequest, TResponse> ClientStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var call = new GrpcCall<TRequest, TResponse>(this, method, options);
        call.Start(null);
        return new AsyncClientStreamingCall<TRequest, TResponse>(
            call, call.ReadSingleResponseAsync(), () => call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public AsyncDuplexStreamingCall<TRequest, TResponse> DuplexStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var call = new GrpcCall<TRequest, TResponse>(this, method, options);
        call.Start(null);
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(call, call, call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public void Dispose() => Invoker.Dispose();

    private static SocketsHttpHandler CreateDefaultHandler() => new()
    {
        EnableMultipleHttp2Connections = true,
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        KeepAlivePingDelay = TimeSpan.FromSeconds(60),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        UseProxy = false,
    };
}
