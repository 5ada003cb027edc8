using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Mlops.Grpc.Server.Health;
using Mlops.Grpc.Server.Hosting;

namespace Mlops.Grpc.Server;

public static class GrpcServerServiceCollectionExtensions
{
    /// <summary>Registers the gRPC server and the health status it reports from ASP.NET health checks.</summary>
    public static IServiceCollection AddGrpcServer(this IServiceCollection services, Action<GrpcServerOptions>? configure = null)
    {
        services.AddRouting();
        services.AddOptions<GrpcServerOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton<GrpcServiceRegistry>();
        services.TryAddSingleton<GrpcHealthStatusStore>();
        services.TryAddSingleton<Binding.InterceptorCache>();
        services.AddHealthChecks();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHealthCheckPublisher, GrpcHealthCheckPublisher>());
        services.Configure<HealthCheckPublisherOptions>(o =>
        {
            o.Delay = TimeSpan.Zero;
            o.Period = TimeSpan.FromSeconds(5);
        });
        services.AddHostedService<GrpcHealthShutdownService>();
        return services;
    }
}
