using Microsoft.EntityFrameworkCore;
using Mlops.Blobs.Configuration;
using Mlops.Grpc.Server;
using Mlops.Messaging;
using Mlops.Registry.Application;
using Mlops.Registry.Application.Audit;
using Mlops.Registry.Application.Uploads;
using Mlops.Registry.Application.Versions;
using Mlops.Registry.Application.Workspaces;
using Mlops.Registry.Grpc;
using Mlops.Registry.Infrastructure;
using Mlops.Registry.Infrastructure.Audit;
using Mlops.Registry.Infrastructure.Caching;
using Mlops.Registry.Infrastructure.Datasets;
using Mlops.Registry.Infrastructure.Uploads;
using Mlops.Registry.Infrastructure.Versions;
using Mlops.Registry.Infrastructure.Workspaces;
using Mlops.Resources;
using Npgsql;

namespace Mlops.Registry;

public static class RegistryHostingExtensions
{
    /// <summary>
    /// The registry's parts: the gRPC server, the use cases, PostgreSQL (<c>ConnectionStrings:registrydb</c>) with its
    /// outbox relayed to RabbitMQ (<c>ConnectionStrings:messaging</c>), and artifact storage
    /// (<c>ConnectionStrings:blobs</c>; a local folder when absent), and the sweeper of uploads that stopped halfway
    /// (<c>Uploads:Lease</c>, <c>Uploads:SweepInterval</c>).
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
        var databaseConnectionString = WithPreparedStatements(RequiredConnectionString(configuration, ResourceNames.RegistryDatabase));
        services.AddDbContext<RegistryDbContext>((provider, options) => options
            .UseNpgsql(databaseConnectionString)
            .AddOutboxNudges(provider)
            .AddInterceptors(provider.GetRequiredService<ModelCacheInvalidationInterceptor>()));
        AddModelVersionCache(services, configuration, databaseConnectionString);
        services.AddMlopsMessaging<RegistryDbContext>(new Uri(RequiredConnectionString(configuration, ResourceNames.Messaging)));
        services.AddBlobStore(configuration);
        services.AddHealthChecks().AddCheck<RegistryDatabaseHealthCheck>(ResourceNames.RegistryDatabase);
        services.AddOptions<UploadOptions>().Bind(configuration.GetSection(UploadOptions.Section))
            .Validate(options => options.Lease > TimeSpan.Zero && options.SweepInterval > TimeSpan.Zero, "Uploads:Lease and Uploads:SweepInterval must be positive.")
            .ValidateOnStart();

        // After the initializer: the first sweep, at start, meets the migrated schema.
        services.AddHostedService<ExpiredUploadSweeper>();

        services.AddScoped<IRegistryStore, EfRegistryStore>();
        services.AddScoped<IArtifactStore, BlobArtifactStore>();
        services.AddScoped<ICallerContext, HeaderCallerContext>();
        services.AddScoped<IAuditLog, EfAuditLog>();
        services.AddScoped<IWorkspaceStore, EfWorkspaceStore>();
        services.AddScoped<WorkspaceUseCases>();
        services.AddScoped<AuditUseCases>();
        services.AddScoped<ModelUseCases>();
        services.AddScoped<ModelVersionUseCases>();
        services.AddApprovalsAndAliases();
        services.AddDatasets();
        services.AddScoped<IVersionUploadStore, EfVersionUploadStore>();
        services.AddSingleton<IUploadLeases, UploadLeases>();
        services.AddScoped<ModelVersionUploadUseCases>();
        services.AddScoped<IModelUpdateStore, EfModelUpdateStore>();
        services.AddScoped<IRegistrySearchStore, EfRegistrySearchStore>();
        services.AddScoped<UpdateUseCases>();
        services.AddScoped<SearchUseCases>();
        return builder;
    }

    /// <summary>
    /// Lets Npgsql prepare the statements it sees repeatedly, unless the connection string says otherwise: planning a
    /// version read costs PostgreSQL more than running it, and a cache miss is exactly such a read.
    /// </summary>
    private static string WithPreparedStatements(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// The read cache of model versions (<c>Registry:Cache:Enabled</c>, default true; <c>Registry:Cache:Capacity</c>,
    /// default 200,000 versions). Off, it stays empty and every read goes to PostgreSQL.
    /// </summary>
    private static void AddModelVersionCache(IServiceCollection services, IConfiguration configuration, string databaseConnectionString)
    {
        var cacheSettings = configuration.GetSection("Registry:Cache");
        services.AddSingleton(new ModelVersionCache(cacheSettings.GetValue("Capacity", 200_000)));
        services.AddSingleton<ModelCacheInvalidationInterceptor>();
        if (cacheSettings.GetValue("Enabled", true))
        {
            services.AddHostedService(provider => new RegistryChangeListener(
                databaseConnectionString,
                provider.GetRequiredService<ModelVersionCache>(),
                provider.GetRequiredService<ILogger<RegistryChangeListener>>()));
        }
    }

    private static string RequiredConnectionString(IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name)
            ?? throw new InvalidOperationException($"The registry needs ConnectionStrings:{name} (environment ConnectionStrings__{name}).");
}
