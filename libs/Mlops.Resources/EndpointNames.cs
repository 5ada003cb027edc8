namespace Mlops.Resources;

/// <summary>The endpoints a service listens on: <c>services__{service}__{endpoint}__0</c>.</summary>
public static class EndpointNames
{
    /// <summary>HTTP/2 without TLS (h2c): gRPC.</summary>
    public const string Grpc = "grpc";

    /// <summary>HTTP/1.1: health endpoints and REST.</summary>
    public const string Http = "http";
}
