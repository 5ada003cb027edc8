using Microsoft.AspNetCore.Http;
using Mlops.Grpc.Protocol;

namespace Mlops.Grpc.Server.Binding;

/// <summary>The HTTP-level checks every gRPC request passes before it is a call.</summary>
internal static class GrpcHttpChecks
{
    /// <summary>Answers a request that is not gRPC over HTTP/2, and says so.</summary>
    public static bool RejectNonGrpc(HttpContext http)
    {
        var request = http.Request;
        var response = http.Response;
        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            response.StatusCode = StatusCodes.Status426UpgradeRequired;
            response.Headers.Upgrade = "HTTP/2";
            response.Headers.Connection = "Upgrade";
            return true;
        }

        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            response.Headers[GrpcProtocol.StatusHeader] = "13";
            response.Headers[GrpcProtocol.MessageHeader] = StatusMessageEncoding.Encode(
                $"Content-Type '{request.ContentType}' is not supported; gRPC requests use '{GrpcProtocol.ContentType}'.");
            return true;
        }

        return false;
    }
}
