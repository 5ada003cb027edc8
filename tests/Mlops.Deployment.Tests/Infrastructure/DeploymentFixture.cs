using System.Collections.Concurrent;
using System.Text;
using MassTransit;
using Mlops.Deployment.Tests.Gateway;
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
    private readonly ServicePool _services = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"mlops-dep-{Guid.NewGuid():N}");
    private IBusControl? _bus;

    public DeploymentClient Client { get; private set; } = null!;

    public PromotionClient Promotions { get; private set; } = null!;

    public RegistrySeed Registry { get; private set; } = null!;

    public ModelVersion Version1 { get; private set; } = null!;

    public ModelVersion Version2 { get; private set; } = null!;

    public ConcurrentQueue<EndpointCreated> EndpointCreatedEvents { get; } = new();

    public ConcurrentQueue<EndpointDeleted> EndpointDeletedEvents { get; } = new();

    public ConcurrentQueue<DeploymentCreated> DeploymentCreatedEvents { get; } = new();

    public ConcurrentQueue<DeploymentDeleted> DeploymentDeletedEvents { get; } = new();

    public ConcurrentQueue<TrafficChanged> TrafficEvents { get; } = new();

    public ConcurrentQueue<PromotionStepChanged> PromotionEvents { get; } = new();

    public Uri RegistryAddress { get; private set; } = null!;

    /// <summary>The promotion runner's settings of every deployment process the tests start: quick polls, short leases.</summary>
    public static IReadOnlyDictionary<string, string> PromotionSettings(string queue) => new Dictionary<string, string>
    {
        ["Promotion__Queue"] = queue,
        ["Promotion__PollInterval"] = "00:00:00.200",
        ["Promotion__Lease"] = "00:00:05",
        ["Promotion__RetryDelay"] = "00:00:01",
    };

    /// <summary>An XGBoost model trained at test time, which the promotion tests register so that the gateway can serve their versions.</summary>
    public TrainedModel Xgb { get; private set; } = null!;

    /// <summary>The Open Inference Protocol of the main deployment process.</summary>
    public InferenceClient Inference { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var xgb = TrainedModel.TrainAsync(Path.Combine(_folder, "xgb"), "xgboost", "--objective", "binary:logistic", "--features", "4", "--trees", "5", "--depth", "3");
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

        RegistryAddress = registry.GrpcAddress;

        // A queue of its own: other deployment processes the tests start must not take its promotion events.
        var deployment = await StartDeploymentAsync(registry.GrpcAddress, PromotionSettings($"deployment-tests-promotions-{Guid.NewGuid():N}"));
        Client = new DeploymentClient(Channel(deployment.GrpcAddress));
        Promotions = new PromotionClient(Channel(deployment.GrpcAddress));
        Inference = new InferenceClient(Channel(deployment.GrpcAddress), new Uri($"http://127.0.0.1:{deployment.HttpPort}/"));
        Xgb = await xgb;
    }

    /// <summary>Another deployment process on a database of its own, with the registry at <paramref name="registryAddress"/> and any further settings.</summary>
    public async Task<DeploymentClient> StartDeploymentClientAsync(Uri registryAddress, IReadOnlyDictionary<string, string> settings) =>
        new(Channel((await StartDeploymentAsync(registryAddress, settings)).GrpcAddress));

    public Task<string> CreateDatabaseAsync(string name) => _infrastructure.CreateDatabaseAsync(name);

    /// <summary>A deployment process on <paramref name="database"/> (a connection string), which a test may kill and start again on the same database.</summary>
    public async Task<StartedService> StartDeploymentProcessAsync(string database, IReadOnlyDictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>(settings)
        {
            [$"ConnectionStrings__{ResourceNames.DeploymentDatabase}"] = database,
            [$"services__{ResourceNames.Registry}__{EndpointNames.Grpc}__0"] = RegistryAddress.ToString(),
        };
        return await StartAsync("services/Deployment", "Mlops.Deployment", environment);
    }

    public GrpcChannel ChannelTo(Uri address) => Channel(address);

    /// <summary>Publishes an event on the run's RabbitMQ, as another service would.</summary>
    public async Task PublishAsync<TEvent>(TEvent message)
        where TEvent : class => await _bus!.Publish(message);

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();

        if (_bus is not null)
        {
            await _bus.StopAsync();
        }

        await _infrastructure.DisposeAsync();
        Inference?.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
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
        environment[$"ConnectionStrings__{ResourceNames.Messaging}"] = _infrastructure.Servers.RabbitMq.AmqpUri.ToString();
        return await _services.StartAsync(folder, assembly, environment);
    }

    private GrpcChannel Channel(Uri address) => _services.Channel(address);

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
                Collect(endpoint, PromotionEvents);
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
