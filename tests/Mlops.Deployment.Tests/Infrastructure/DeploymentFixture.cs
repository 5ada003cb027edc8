using System.Collections.Concurrent;
using System.Text;
using MassTransit;
using Mlops.EventContracts;
using Mlops.Grpc.Client;
using Mlops.Registry.V1;
using Mlops.Resources;
using Mlops.Testing;

namespace Mlops.Deployment.Tests.Infrastructure;

/// <summary>
/// The deployment service as the AppHost runs it — its own process, configured only through the Aspire environment
/// contract — beside a real registry process, on this run's PostgreSQL, RabbitMQ and Azurite; a model registered in
/// that registry with two READY versions and the alias "champion" on version 2; and a queue bound to the deployment
/// events.
/// </summary>
public sealed class DeploymentFixture : IAsyncLifetime
{
    public const string ModelName = "fraud-detector";
    public const string ChampionAlias = "champion";

    private readonly TestInfrastructure _infrastructure = new("mlops-dep");
    private readonly List<StartedService> _processes = [];
    private readonly List<GrpcChannel> _channels = [];
    private IBusControl? _bus;

    public DeploymentClient Client { get; private set; } = null!;

    public RegistrySeed Registry { get; private set; } = null!;

    public ModelVersion Version1 { get; private set; } = null!;

    public ModelVersion Version2 { get; private set; } = null!;

    public ConcurrentQueue<EndpointCreated> EndpointCreatedEvents { get; } = new();

    public ConcurrentQueue<EndpointDeleted> EndpointDeletedEvents { get; } = new();

    public ConcurrentQueue<DeploymentCreated> DeploymentCreatedEvents { get; } = new();

    public ConcurrentQueue<DeploymentDeleted> DeploymentDeletedEvents { get; } = new();

    public ConcurrentQueue<TrafficChanged> TrafficEvents { get; } = new();

    public async Task InitializeAsync()
    {
        await _infrastructure.StartAsync(servers => [servers.Postgres, servers.RabbitMq, servers.Azurite]);
        var servers = _infrastructure.Servers;
        await StartEventQueueAsync(servers.RabbitMq.AmqpUri);

        var registry = await StartAsync("services/Registry", "Mlops.Registry", new Dictionary<string, string>
        {
            [$"ConnectionStrings__{ResourceNames.RegistryDatabase}"] = await _infrastructure.CreateDatabaseAsync("registry"),
            [$"ConnectionStrings__{ResourceNames.Blobs}"] = servers.Azurite.BlobConnectionString,
        });
        Registry = new RegistrySeed(Channel(registry.GrpcAddress));
        await Registry.CreateModelAsync(ModelName);
        Version1 = await Registry.UploadAsync(ModelName, Encoding.UTF8.GetBytes("""{"model": "fraud", "trees": 1}"""));
        Version2 = await Registry.UploadAsync(ModelName, Encoding.UTF8.GetBytes("""{"model": "fraud", "trees": 2}"""));
        await Registry.SetAliasAsync(ModelName, ChampionAlias, Version2.Version);

        var deployment = await StartDeploymentAsync(registry.GrpcAddress);
        Client = new DeploymentClient(Channel(deployment.GrpcAddress));
    }

    /// <summary>Another deployment process on a database of its own, with the registry at <paramref name="registryAddress"/> and any further settings.</summary>
    public async Task<DeploymentClient> StartDeploymentClientAsync(Uri registryAddress, IReadOnlyDictionary<string, string> settings) =>
        new(Channel((await StartDeploymentAsync(registryAddress, settings)).GrpcAddress));

    public async Task DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        foreach (var process in _processes)
        {
            await process.Process.DisposeAsync();
        }

        if (_bus is not null)
        {
            await _bus.StopAsync();
        }

        await _infrastructure.DisposeAsync();
    }

    private async Task<StartedService> StartDeploymentAsync(Uri registryAddress, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>
        {
            [$"ConnectionStrings__{ResourceNames.DeploymentDatabase}"] = await _infrastructure.CreateDatabaseAsync("deployment"),
            [$"services__{ResourceNames.Registry}__{EndpointNames.Grpc}__0"] = registryAddress.ToString(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return await StartAsync("services/Deployment", "Mlops.Deployment", environment);
    }

    private async Task<StartedService> StartAsync(string folder, string assembly, Dictionary<string, string> environment)
    {
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        environment[$"ConnectionStrings__{ResourceNames.Messaging}"] = _infrastructure.Servers.RabbitMq.AmqpUri.ToString();
        var started = await ServiceProcesses.StartAsync(ServiceProcesses.Assembly(folder, assembly), environment);
        _processes.Add(started);
        return started;
    }

    private GrpcChannel Channel(Uri address)
    {
        var channel = GrpcChannel.ForAddress(address);
        _channels.Add(channel);
        return channel;
    }

    private async Task StartEventQueueAsync(Uri amqpUri)
    {
        _bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(amqpUri);
            rabbit.ReceiveEndpoint($"deployment-tests-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = true;
                Collect(endpoint, EndpointCreatedEvents);
                Collect(endpoint, EndpointDeletedEvents);
                Collect(endpoint, DeploymentCreatedEvents);
                Collect(endpoint, DeploymentDeletedEvents);
                Collect(endpoint, TrafficEvents);
            });
        });

        // Bound before the service publishes anything: RabbitMQ drops what reaches an exchange with no queue.
        await _bus.StartAsync();
    }

    private static void Collect<TEvent>(IReceiveEndpointConfigurator endpoint, ConcurrentQueue<TEvent> events)
        where TEvent : class =>
        endpoint.Handler<TEvent>(context =>
        {
            events.Enqueue(context.Message);
            return Task.CompletedTask;
        });
}
