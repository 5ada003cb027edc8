using System.Collections.Concurrent;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Mlops.Blobs;
using Mlops.Blobs.Configuration;
using Mlops.EventContracts;
using Mlops.LocalInfrastructure;
using Mlops.Registry.Infrastructure;
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
    private RegistryProcess? _registry;
    private IBusControl? _bus;

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

    public ConcurrentQueue<ModelVersionApproved> ApprovedEvents { get; } = new();

    public ConcurrentQueue<ModelVersionRejected> RejectedEvents { get; } = new();

    public ConcurrentQueue<ApprovalPolicyChanged> PolicyEvents { get; } = new();

    public ConcurrentQueue<ModelAliasChanged> AliasEvents { get; } = new();

    public ConcurrentQueue<ModelDeleted> DeletedEvents { get; } = new();

    /// <summary>Every DatasetCreated the test queue has received.</summary>
    public ConcurrentQueue<DatasetCreated> DatasetEvents { get; } = new();

    /// <summary>Every DatasetVersionRegistered the test queue has received.</summary>
    public ConcurrentQueue<DatasetVersionRegistered> DatasetVersionEvents { get; } = new();

    public async Task InitializeAsync()
    {
        await _infrastructure.StartAsync(servers => [servers.Postgres, servers.RabbitMq, servers.Azurite]);
        var servers = _infrastructure.Servers;
        DatabaseConnectionString = await _infrastructure.CreateDatabaseAsync("registry");
        Blobs = BlobStoreFactory.Create(servers.Azurite.BlobConnectionString);
        await StartEventQueueAsync(servers.RabbitMq.AmqpUri);

        _registry = await RegistryProcess.StartAsync(DatabaseConnectionString, servers);
        Client = _registry.Client;
    }

    /// <summary>PostgreSQL, RabbitMQ and Azurite of this test run, for a test that starts a registry of its own.</summary>
    public LocalServers Servers => _infrastructure.Servers;

    /// <summary>A new, empty database (for a registry of a test's own, which migrates it at start).</summary>
    public Task<string> CreateDatabaseAsync(string label) => _infrastructure.CreateDatabaseAsync(label);

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
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }

        if (_bus is not null)
        {
            await _bus.StopAsync();
        }

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
                Collect(endpoint, ApprovedEvents);
                Collect(endpoint, RejectedEvents);
                Collect(endpoint, PolicyEvents);
                Collect(endpoint, AliasEvents);
                Collect(endpoint, DeletedEvents);

                endpoint.Handler<DatasetCreated>(context =>
                {
                    DatasetEvents.Enqueue(context.Message);
                    return Task.CompletedTask;
                });
                endpoint.Handler<DatasetVersionRegistered>(context =>
                {
                    DatasetVersionEvents.Enqueue(context.Message);
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

    /// <summary>How many events of <typeparamref name="TEvent"/> about <paramref name="subject"/> the registry's outbox holds, published or not.</summary>
    public async Task<int> OutboxCountAsync<TEvent>(string subject)
        where TEvent : IIntegrationEvent
    {
        await using var dbContext = NewDbContext();
        var messageType = $"{typeof(TEvent).FullName}, {typeof(TEvent).Assembly.GetName().Name}";
        return await dbContext.Database
            .SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM outbox_messages WHERE message_type = {messageType} AND payload->>'subject' = {subject}")
            .SingleAsync();
    }

    private static void Collect<TEvent>(IReceiveEndpointConfigurator endpoint, ConcurrentQueue<TEvent> events)
        where TEvent : class =>
        endpoint.Handler<TEvent>(context =>
        {
            events.Enqueue(context.Message);
            return Task.CompletedTask;
        });
}
