using Microsoft.AspNetCore.Http;

namespace Mlops.Grpc.Server.Binding;

internal interface IServerMethodHandler
{
    string Pattern { get; }

    Task HandleAsync(HttpContext http);
}
