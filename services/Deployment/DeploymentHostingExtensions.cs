using Microsoft.EntityFrameworkCore;
using Mlops.Deployment.Application;
using Mlops.Deployment.Grpc;
using Mlops.Deployment.Infrastructure;
using Mlops.Grpc.Client;
using Mlops.Grpc.Server;
using Mlops.Messaging;
using Mlops.Resources;

namespace Mlops.Deployment;

public static class DeploymentHostingExtensions
{
    public const string EnvironmentsKey = "Deployment:Environments";

    /// <summary>
    /// The deployment service's parts: the gRPC server, the use cases, PostgreSQL (<c>ConnectionStrings:deploymentdb</c>)
    /// with its outbox relayed to RabbitMQ (<c>ConnectionStrings:messaging</c>), the registry's gRPC API
    /// (<c>services:registry:grpc:0</c>) and the environments (<c>Deployment:Environments</c>, ordered; staging and
    /// production when absent); and the promotion pipeline (<see cref="PromotionHostingExtensions.AddPromotions"/>).
    /// </summary>
    public static IHostApplicationBuilder AddDeployment(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var services = builder.Services;

        services.AddGrpcServer(options => options.AddInterceptor<DeploymentExceptionInterceptor>());
        services.AddHttpContextAccessor();
        services.AddSingleton(TimeProvider.System);

        // First among the hosted services: the schema is migrated before the outbox relay polls and before Kestrel listens.
        services.AddHostedService<DeploymentInitializer>();
        var databaseConnectionString = RequiredConnectionString(configuration, ResourceNames.DeploymentDatabase);
        services.AddDbContext<DeploymentDbContext>((provider, options) => options.UseNpgsql(databaseConnectionString).AddOutboxNudges(provider));
        services.AddMlopsMessaging<DeploymentDbContext>(
            new Uri(RequiredConnectionString(configuration, ResourceNames.Messaging)), bus => bus.AddPromotionConsumers(configuration));
        services.AddHealthChecks().AddCheck<DeploymentDatabaseHealthCheck>(ResourceNames.DeploymentDatabase);

        // Bound as a whole array: binding onto a list that already holds the defaults would append to them.
        var environments = configuration.GetSection(EnvironmentsKey).Get<string[]>() is { Length: > 0 } configured ? configured : EnvironmentCatalog.Defaults;
        services.AddSingleton(new EnvironmentCatalog(environments));
        // Resolved now, so a missing services__registry__grpc__0 stops the start rather than the first deployment.
        services.AddSingleton(GrpcChannel.ForService(configuration, ResourceNames.Registry, EndpointNames.Grpc));

        services.AddScoped<ICallerContext, HeaderCallerContext>();
        services.AddScoped<IModelResolver, RegistryModelResolver>();
        services.AddScoped<IEndpointStore, EfEndpointStore>();
        services.AddScoped<IDeploymentStore, EfDeploymentStore>();
        services.AddScoped<ITrafficStore, EfTrafficStore>();
        services.AddScoped<EndpointUseCases>();
        services.AddScoped<DeploymentUseCases>();
        services.AddScoped<TrafficUseCases>();

        // With the rest: the messaging above already consumes the pipeline's events, whose consumers need its parts.
        builder.AddPromotions();
        return builder;
    }

    private static string RequiredConnectionString(IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name)
            ?? throw new InvalidOperationException($"The deployment service needs ConnectionStrings:{name} (environment ConnectionStrings__{name}).");
}
