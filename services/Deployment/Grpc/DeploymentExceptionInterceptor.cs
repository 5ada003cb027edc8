using Mlops.Deployment.Application;
using Mlops.Grpc;
using Mlops.Grpc.Server;

namespace Mlops.Deployment.Grpc;

/// <summary>Ends a call the use cases refused with the matching gRPC status and their message.</summary>
internal sealed class DeploymentExceptionInterceptor : IServerInterceptor
{
    public async Task InterceptAsync(ServerCallContext context, ServerCallContinuation next)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (DeploymentException e)
        {
            var code = e.Kind switch
            {
                DeploymentErrorKind.NotFound => StatusCode.NotFound,
                DeploymentErrorKind.AlreadyExists => StatusCode.AlreadyExists,
                DeploymentErrorKind.FailedPrecondition => StatusCode.FailedPrecondition,
                DeploymentErrorKind.Aborted => StatusCode.Aborted,
                DeploymentErrorKind.Unavailable => StatusCode.Unavailable,
                DeploymentErrorKind.PermissionDenied => StatusCode.PermissionDenied,
                _ => StatusCode.InvalidArgument,
            };
            throw new RpcException(new Status(code, e.Message));
        }
    }
}
