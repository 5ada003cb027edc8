using Microsoft.AspNetCore.Http;
using Mlops.Grpc.Protocol;
using Mlops.Grpc.Server.Hosting;

namespace Mlops.Grpc.Server.Binding;

/// <summary>Answers calls to services or methods this server does not have.</summary>
internal sealed class UnimplementedHandler(GrpcServiceRegistry registry)
{
    public Task HandleAsync(HttpContext http)
    {
        if (GrpcHttpChecks.RejectNonGrpc(http))
        {
            return Task.CompletedTask;
        }

        var service = http.Request.RouteValues["service"] as string ?? string.Empty;
        Write(http, registry.IsMapped(service) ? "Method is unimplemented." : "Service is unimplemented.");
        return Task.CompletedTask;
    }

    /// <summary>A Trailers-Only UNIMPLEMENTED answer.</summary>
    public static void Write(HttpContext http, string detail)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.StatusHeader] = ((int)StatusCode.Unimplemented).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers[GrpcProtocol.MessageHeader] = detail;
    }
}
