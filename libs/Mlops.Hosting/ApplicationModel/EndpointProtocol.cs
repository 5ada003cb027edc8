namespace Mlops.Hosting.ApplicationModel;

public enum EndpointProtocol
{
    /// <summary>HTTP/1.1: health endpoints, REST.</summary>
    Http1,

    /// <summary>HTTP/2 with prior knowledge, no TLS (h2c): gRPC.</summary>
    Http2,
}
