using Microsoft.EntityFrameworkCore;
using Mlops.Blobs.Configuration;
using Mlops.Grpc.Server;
using Mlops.Messaging;
using Mlops.Registry.Application;
using Mlops.Registry.Application.Audit;
using Mlops.Registry.Application.Versions;
using Mlops.Registry.Application.Workspaces;
using Mlops.Registry.Grpc;
using Mlops.Registry.Infrastructure;
using Mlops.Registry.Infrastructure.Audit;
using Mlops.Registry.Infrastructure.Versions;
using Mlops.Registry.Infrastructure.Workspaces;
using Mlops.Resources;

namespace Mlops.Registry;

public static class RegistryHostingExtensions
{
    /// <summary>
    /// The registry's parts: the gRPC server, the use cases, PostgreSQL (<c>ConnectionStrings:registrydb</c>) with its
    /// outbox relayed to RabbitMQ (<c>ConnectionStrings:messaging</c>), and artifact storage
    /// (<c>ConnectionStrings:blobs</c>; a local folder when absent).
    /// </summary>
    public static IHostApplicationBuilder AddRegistry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var services = builder.Services;

        services.AddGrpcServer(options => options.AddInterceptor<RegistryExceptionInterceptor>());
        services.AddHttpContextAccessor();
        services.AddSingleton(TimeProvider.System);

        // First among the hosted services: the schema is migrated before the outbox relay polls and before Kestrel listens.
        services.AddHostedService<RegistryInitializer>();
        services.AddDbContext<RegistryDbContext>((provider, options) => options
            .UseNpgsql(RequiredConnectionString(configuration, ResourceNames.RegistryDatabase))
            .AddOutboxNudges(provider));
        services.AddMlopsMessaging<RegistryDbContext>(new Uri(RequiredConnectionString(configuration, ResourceNames.Messaging)));
        services.AddBlobStore(configuration);
        services.AddHealthChecks().AddCheck<RegistryDatabaseHealthCheck>(ResourceNames.RegistryDatabase);

        services.AddScoped<IRegistryStore, EfRegistryStore>();
        services.AddScoped<IArtifactStore, BlobArtifactStore>();
        services.AddScoped<ICallerContext, HeaderCallerContext>();
        services.AddScoped<IAuditLog, EfAuditLog>();
        services.AddScoped<IWorkspaceStore, EfWorkspaceStore>();
        services.AddScoped<WorkspaceUseCases>();
        services.AddScoped<AuditUseCases>();
        services.AddScoped<ModelUseCases>();
        services.AddScoped<ModelVersionUseCases>();
        services.AddScoped<IModelUpdateStore, EfModelUpdateStore>();
        services.AddScoped<IRegistrySearchStore, EfRegistrySearchStore>();
        services.AddScoped<UpdateUseCases>();
        services.AddScoped<SearchUseCases>();
        return builder;
    }

    private static string RequiredConnectionString(IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name)
            ?? throw new InvalidOperationException($"The registry needs ConnectionStrings:{name} (environment ConnectionStrings__{name}).");
}
