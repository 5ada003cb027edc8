using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mlops.Grpc.Server.Binding;
using Mlops.Grpc.Server.Health;
using Mlops.Grpc.Server.Hosting;
using Mlops.Grpc.Server.Reflection;

namespace Mlops.Grpc.Server;

public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>Maps every method of <typeparamref name="TService"/>'s descriptor at "/package.Service/Method".</summary>
    public static IEndpointConventionBuilder MapGrpcService<TService>(this IEndpointRouteBuilder endpoints)
        where TService : class, IGrpcService
    {
        var services = endpoints.ServiceProvider;
        var registry = services.GetService<GrpcServiceRegistry>()
            ?? throw new InvalidOperationException("Call services.AddGrpcServer() before mapping gRPC services.");
        var options = services.GetRequiredService<IOptions<GrpcServerOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Mlops.Grpc.Server");
        var descriptor = TService.Descriptor;
        registry.Add(descriptor);

        var handlers = ServiceBinder.Bind<TService>(descriptor, services, options, Interceptors(services, options), logger);
        var builders = handlers
            .Select(h => endpoints.MapPost(h.Pattern, new RequestDelegate(h.HandleAsync)).WithDisplayName($"gRPC {h.Pattern}"))
            .ToList<IEndpointConventionBuilder>();
        MapUnimplementedFallback(endpoints, registry);
        return new CompositeEndpointConventionBuilder(builders);
    }

    /// <summary>Maps grpc.health.v1.Health, answering from the ASP.NET health checks.</summary>
    public static IEndpointConventionBuilder MapGrpcHealthService(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGrpcService<HealthService>();

    /// <summary>Maps server reflection, grpc.reflection.v1 and v1alpha, over every mapped service.</summary>
    public static IEndpointConventionBuilder MapGrpcReflectionService(this IEndpointRouteBuilder endpoints) =>
        new CompositeEndpointConventionBuilder(
        [
            endpoints.MapGrpcService<ReflectionService>(),
            endpoints.MapGrpcService<ReflectionServiceV1Alpha>(),
        ]);

    private static IReadOnlyList<IServerInterceptor> Interceptors(IServiceProvider services, GrpcServerOptions options) =>
        services.GetRequiredService<InterceptorCache>().Resolve(services, options);

    private static void MapUnimplementedFallback(IEndpointRouteBuilder endpoints, GrpcServiceRegistry registry)
    {
        if (endpoints.DataSources.SelectMany(d => d.Endpoints).Any(e => e.Metadata.GetMetadata<UnimplementedHandler>() is not null))
        {
            return;
        }

        var handler = new UnimplementedHandler(registry);
        endpoints.MapPost("{service}/{method}", new RequestDelegate(handler.HandleAsync))
            .WithDisplayName("gRPC unimplemented")
            .WithMetadata(handler)
            .Add(b => ((RouteEndpointBuilder)b).Order = int.MaxValue);
    }
}
