using Microsoft.Extensions.DependencyInjection;

namespace Mlops.Grpc.Server.Binding;

/// <summary>Creates each interceptor type once per application.</summary>
internal sealed class InterceptorCache
{
    private IReadOnlyList<IServerInterceptor>? _interceptors;

    public IReadOnlyList<IServerInterceptor> Resolve(IServiceProvider services, GrpcServerOptions options) =>
        _interceptors ??= options.Interceptors
            .Select(type => (IServerInterceptor)ActivatorUtilities.GetServiceOrCreateInstance(services, type))
            .ToList();
}
