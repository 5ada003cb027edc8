using Microsoft.AspNetCore.Http;

namespace Mlops.Grpc.Server;

/// <summary>What a handler knows of its call, and how it shapes the response besides messages.</summary>
public abstract class ServerCallContext
{
    /// <summary>"/package.Service/Method".</summary>
    public abstract string Method { get; }

    public abstract string Host { get; }

    /// <summary>The caller's address, e.g. "ipv4:127.0.0.1:50412".</summary>
    public abstract string Peer { get; }

    /// <summary>The moment the client gives up, or <see cref="DateTime.MaxValue"/>.</summary>
    public abstract DateTime Deadline { get; }

    /// <summary>Canceled when the client cancels, disconnects or its deadline passes.</summary>
    public abstract CancellationToken CancellationToken { get; }

    public abstract Metadata RequestHeaders { get; }

    public abstract Metadata ResponseTrailers { get; }

    /// <summary>The status the call ends with when the handler returns normally.</summary>
    public abstract Status Status { get; set; }

    /// <summary>grpc-encoding for the response messages (e.g. "gzip"), honoured when the client accepts it.</summary>
    public abstract string? ResponseCompression { get; set; }

    /// <summary>Whether the request message read last arrived compressed.</summary>
    public abstract bool RequestMessageCompressed { get; }

    /// <summary>State shared with interceptors for the length of the call.</summary>
    public abstract IDictionary<object, object?> UserState { get; }

    /// <summary>Sends the response headers now; at most once, and before the first message.</summary>
    public abstract Task WriteResponseHeadersAsync(Metadata responseHeaders);

    public abstract HttpContext GetHttpContext();
}
