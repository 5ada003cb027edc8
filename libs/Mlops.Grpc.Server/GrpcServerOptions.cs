using Mlops.Grpc.Compression;
using Mlops.Grpc.Protocol;

namespace Mlops.Grpc.Server;

public sealed class GrpcServerOptions
{
    public int MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxMessageSize;

    public int MaxSendMessageSize { get; set; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>Compress every response with this encoding when the client accepts it; null leaves it to each call.</summary>
    public string? ResponseCompression { get; set; }

    public CompressionProviders Compression { get; set; } = CompressionProviders.Default;

    /// <summary>Put the exception message of an unhandled error in grpc-message. Off outside development.</summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>Interceptor types, outermost first, created once from the service provider.</summary>
    public IList<Type> Interceptors { get; } = [];

    /// <summary>Response messages a streaming call may queue before WriteAsync waits for the network.</summary>
    public int StreamingWriteQueueLength { get; set; } = 64;

    public GrpcServerOptions AddInterceptor<TInterceptor>()
        where TInterceptor : IServerInterceptor
    {
        Interceptors.Add(typeof(TInterceptor));
        return this;
    }
}
