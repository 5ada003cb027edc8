namespace Mlops.Grpc.Server;

/// <summary>The rest of the call: later interceptors, then the handler.</summary>
public delegate Task ServerCallContinuation(ServerCallContext context);

/// <summary>
/// Wraps every call: authentication, logging, metrics, exception mapping. Throw an
/// <see cref="RpcException"/> to end the call with a status. Interceptors are singletons;
/// take scoped services from <c>context.GetHttpContext().RequestServices</c>.
/// </summary>
public interface IServerInterceptor
{
    Task InterceptAsync(ServerCallContext context, ServerCallContinuation next);
}
