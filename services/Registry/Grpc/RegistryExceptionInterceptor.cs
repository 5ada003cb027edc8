using Mlops.Grpc;
using Mlops.Grpc.Server;
using Mlops.Registry.Application;

namespace Mlops.Registry.Grpc;

/// <summary>Ends a call the use cases refused with the matching gRPC status and their message.</summary>
internal sealed class RegistryExceptionInterceptor : IServerInterceptor
{
    public async Task InterceptAsync(ServerCallContext context, ServerCallContinuation next)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (RegistryException e)
        {
            var code = e.Kind switch
            {
                RegistryErrorKind.NotFound => StatusCode.NotFound,
                RegistryErrorKind.AlreadyExists => StatusCode.AlreadyExists,
                RegistryErrorKind.FailedPrecondition => StatusCode.FailedPrecondition,
                RegistryErrorKind.Aborted => StatusCode.Aborted,
                RegistryErrorKind.PermissionDenied => StatusCode.PermissionDenied,
                _ => StatusCode.InvalidArgument,
            };
            throw new RpcException(new Status(code, e.Message));
        }
    }
}
