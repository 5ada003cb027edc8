using System.Collections.Concurrent;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Mlops.Blobs;
using Mlops.Blobs.Configuration;
using Mlops.EventContracts;
using Mlops.Grpc.Client;
using Mlops.Registry.Infrastructure;
using Mlops.Resources;
using Mlops.Testing;

namespace Mlops.Registry.Tests.Infrastructure;

/// <summary>
/// The registry as the AppHost runs it — its own process, configured only through the Aspire environment contract —
/// on this run's PostgreSQL, RabbitMQ and Azurite; and, beside it, what the tests look through: the database, the
/// blob container and a queue bound to the registry's events.
/// </summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    private readonly TestInfrastructure _infrastructure = new("mlops-reg");
    private readonly HttpClient _http = new();
    private ChildProcess? _registry;
    private IBusControl? _bus;
    private GrpcChannel? _channel;

    public RegistryClient Client { get; private set; } = null!;

    public string DatabaseConnectionString { get; private set; } = "";

    public IBlobStore Blobs { get; private set; } = null!;

    /// <summary>Every ModelVersionRegistered the test queue has received.</summary>
    public ConcurrentQueue<ModelVersionRegistered> VersionEvents { get; } = new();

    /// <summary>Every ModelUpdated the test queue has received.</summary>
    public ConcurrentQueue<ModelUpdated> ModelUpdatedEvents { get; } = new();

    /// <summary>Every ModelVersionUpdated the test queue has received.</summary>
    public ConcurrentQueue<ModelVersionUpdated> VersionUpdatedEvents { get; } = new();

    /// <summary>Every ModelCreated the test queue has received.</summary>
    public ConcurrentQueue<ModelCreated> ModelEvents { get; } = new();

    public async Task InitializeAsync()
    {
        await _infrastructure.StartAsync(servers => [servers.Postgres, servers.RabbitMq, servers.Azurite]);
        var servers = _infrastructure.Servers;
        DatabaseConnectionString = await _infrastructure.CreateDatabaseAsync("registry");
        Blobs = BlobStoreFactory.Create(servers.Azurite.BlobConnectionString);
        await StartEventQueueAsync(servers.RabbitMq.AmqpUri);

        var grpcPort = FreePorts.Next();
        var httpPort = FreePorts.Next();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            [$"ConnectionStrings__{ResourceNames.RegistryDatabase}"] = DatabaseConnectionString,
            [$"ConnectionStrings__{ResourceNames.Messaging}"] = servers.RabbitMq.AmqpUri.ToString(),
            [$"ConnectionStrings__{ResourceNames.Blobs}"] = servers.Azurite.BlobConnectionString,
            [$"Kestrel__Endpoints__{EndpointNames.Grpc}__Url"] = $"http://127.0.0.1:{grpcPort}",
            [$"Kestrel__Endpoints__{EndpointNames.Grpc}__Protocols"] = "Http2",
            [$"Kestrel__Endpoints__{EndpointNames.Http}__Url"] = $"http://127.0.0.1:{httpPort}",
            [$"Kestrel__Endpoints__{EndpointNames.Http}__Protocols"] = "Http1",
        };
        _registry = await ChildProcess.StartAsync("dotnet", [RegistryPath()], environment, grpcPort, cancellationToken => IsHealthyAsync(httpPort, cancellationToken));
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
        Client = new RegistryClient(_channel);
    }

    public RegistryDbContext NewDbContext() =>
        new(new DbContextOptionsBuilder<RegistryDbContext>().UseNpgsql(DatabaseConnectionString).Options);

    /// <summary>The artifact blobs stored for a model (committed or not yet cleaned up).</summary>
    public async Task<List<string>> UploadedBlobsAsync(string modelName, string workspace = "default")
    {
        await using var dbContext = NewDbContext();
        var modelId = await dbContext.Models.Where(m => m.Workspace == workspace && m.Name == modelName).Select(m => m.Id).SingleAsync();
        var names = new List<string>();
        await foreach (var blob in Blobs.ListAsync(BlobArtifactStore.Container, BlobArtifactStore.UploadsPrefix(modelId)))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    public async Task<int> VersionRowsAsync(string modelName, string workspace = "default")
    {
        await using var dbContext = NewDbContext();
        return await dbContext.ModelVersions.CountAsync(v => v.Model!.Workspace == workspace && v.Model.Name == modelName);
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }

        if (_bus is not null)
        {
            await _bus.StopAsync();
        }

        _http.Dispose();
        await _infrastructure.DisposeAsync();
    }

    private async Task StartEventQueueAsync(Uri amqpUri)
    {
        _bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(amqpUri);
            rabbit.ReceiveEndpoint($"registry-tests-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Handler<ModelVersionRegistered>(context =>
                {
                    VersionEvents.Enqueue(context.Message);
                    return Task.CompletedTask;
                });
                endpoint.Handler<ModelCreated>(context =>
                {
                    ModelEvents.Enqueue(context.Message);
                    return Task.CompletedTask;
                });
                endpoint.Handler<ModelUpdated>(context =>
                {
                    ModelUpdatedEvents.Enqueue(context.Message);
                    return Task.CompletedTask;
                });
                endpoint.Handler<ModelVersionUpdated>(context =>
                {
                    VersionUpdatedEvents.Enqueue(context.Message);
                    return Task.CompletedTask;
                });
            });
        });

        // Bound before the registry publishes anything: RabbitMQ drops what reaches an exchange with no queue.
        await _bus.StartAsync();
    }

    private async Task<bool> IsHealthyAsync(int httpPort, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{httpPort}/health"), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static string RegistryPath()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(RepoPaths.Root, "services/Registry/bin", configuration, "net10.0/Mlops.Registry.dll");
    }
}
