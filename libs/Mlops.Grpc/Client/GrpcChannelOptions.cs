using Microsoft.Extensions.Logging;
using Mlops.Grpc.Compression;
using Mlops.Grpc.Protocol;

namespace Mlops.Grpc.Client;

public sealed class GrpcChannelOptions
{
    /// <summary>The HTTP handler; by default a SocketsHttpHandler tuned for long-lived HTTP/2.</summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    public bool DisposeHttpHandler { get; set; } = true;

    public int MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>Null sends messages of any size, as other gRPC clients do by default.</summary>
    public int? MaxSendMessageSize { get; set; }

    public CompressionProviders Compression { get; set; } = CompressionProviders.Default;

    public RetryPolicy Retry { get; set; } = RetryPolicy.Default;

    public ILoggerFactory? LoggerFactory { get; set; }
}
