using System.Collections.Concurrent;
using MassTransit;
using Mlops.Deployment.Tests.Infrastructure;
using Mlops.Deployment.V1;
using Mlops.EventContracts;
using Mlops.Grpc.Client;
using Mlops.Registry.V1;
using Mlops.Resources;
using Mlops.Testing;

namespace Mlops.Deployment.Tests.Gateway;

/// <summary>
/// The gateway as it runs: a real registry holding models trained at test time by python (an XGBoost binary:logistic
/// model of 20 features registered without a signature, a scikit-learn logistic regression of 6 features with a
/// signature and an input example); the deployment service as a process (every request recorded, a known artifact
/// cache folder); a second deployment service (its own database, nothing recorded) that an external deployment of the
/// first proxies to; and a queue bound to the inference records.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public const string XgbModel = "churn-xgb";
    public const string LinearModel = "spam-linear";
    public const string LinearInput = "features";
    public const string LinearOutput = "spam";

    private readonly TestInfrastructure _infrastructure = new("mlops-gw");
    private readonly ServicePool _services = new();
    private readonly List<InferenceClient> _inferenceClients = [];
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"mlops-gw-{Guid.NewGuid():N}");
    private IBusControl? _bus;

    public TrainedModel Xgb { get; private set; } = null!;

    public TrainedModel Linear { get; private set; } = null!;

    public ModelVersion XgbVersion { get; private set; } = null!;

    public ModelVersion LinearVersion { get; private set; } = null!;

    public DeploymentClient Client { get; private set; } = null!;

    public InferenceClient Inference { get; private set; } = null!;

    public DeploymentClient PeerClient { get; private set; } = null!;

    public InferenceClient PeerInference { get; private set; } = null!;

    public StartedService Peer { get; private set; } = null!;

    public Uri RegistryAddress { get; private set; } = null!;

    public string ArtifactCache => Path.Combine(_folder, "cache");

    public ConcurrentQueue<InferenceRecorded> Records { get; } = new();

    public TestInfrastructure Infrastructure => _infrastructure;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var xgb = TrainedModel.TrainAsync(Path.Combine(_folder, "xgb"), "xgboost", "--objective", "binary:logistic", "--features", "20", "--trees", "30", "--depth", "4");
        var linear = TrainedModel.TrainAsync(Path.Combine(_folder, "linear"), "linear", "--kind", "logistic_regression", "--features", "6");
        await _infrastructure.StartAsync(servers => [servers.Postgres, servers.RabbitMq, servers.Azurite]);
        await StartRecordQueueAsync(_infrastructure.Servers.RabbitMq.AmqpUri);
        (Xgb, Linear) = (await xgb, await linear);

        var registry = await StartAsync("services/Registry", "Mlops.Registry", new Dictionary<string, string>
        {
            [$"ConnectionStrings__{ResourceNames.RegistryDatabase}"] = await _infrastructure.CreateDatabaseAsync("registry"),
            [$"ConnectionStrings__{ResourceNames.Blobs}"] = _infrastructure.Servers.Azurite.BlobConnectionString,
        });
        RegistryAddress = registry.GrpcAddress;
        var models = new RegistrySeed(Channel(registry.GrpcAddress));
        XgbVersion = await models.RegisterAsync(XgbModel, Xgb.Artifact);
        var signature = new ModelSignature();
        signature.Inputs.Add(RegistrySeed.Tensor(LinearInput, "FP64", -1, Linear.FeatureCount));
        signature.Outputs.Add(RegistrySeed.Tensor(LinearOutput, "FP64", -1, 1));
        var example = $$"""{"inputs": [{"name": "{{LinearInput}}", "datatype": "FP64", "shape": [1, {{Linear.FeatureCount}}], "data": [{{string.Join(", ", Linear.Row(0).Select(v => ((double)v).ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}}]}]}""";
        LinearVersion = await models.RegisterAsync(LinearModel, Linear.Artifact, signature, example);

        var main = await StartDeploymentAsync(new Dictionary<string, string>
        {
            ["Deployment__Gateway__ArtifactCache"] = ArtifactCache,
            ["Deployment__Gateway__RecordSampleRate"] = "1",
        });
        Client = new DeploymentClient(Channel(main.GrpcAddress));
        Inference = NewInferenceClient(main);
        Peer = await StartDeploymentAsync(new Dictionary<string, string>
        {
            ["Deployment__Gateway__ArtifactCache"] = Path.Combine(_folder, "peer-cache"),
            ["Deployment__Gateway__RecordSampleRate"] = "0",
        });
        PeerClient = new DeploymentClient(Channel(Peer.GrpcAddress));
        PeerInference = NewInferenceClient(Peer);
    }

    /// <summary>Creates the endpoint and its builtin deployments on <paramref name="client"/>'s instance, and waits until each is ready there.</summary>
    public static async Task DeployAsync(DeploymentClient client, InferenceClient inference, string endpoint, params (string Name, string Model, int Version)[] deployments)
    {
        await client.CreateEndpointAsync(endpoint);
        foreach (var (name, model, version) in deployments)
        {
            await client.CreateDeploymentAsync(endpoint, name, model, version);
        }

        foreach (var (name, _, _) in deployments)
        {
            await Eventually.UntilAsync(() => inference.IsReadyAsync(endpoint, name), $"deployment {name} of {endpoint} ready");
        }
    }

    public Task DeployAsync(string endpoint, params (string Name, string Model, int Version)[] deployments) => DeployAsync(Client, Inference, endpoint, deployments);

    public async Task DisposeAsync()
    {
        foreach (var client in _inferenceClients)
        {
            client.Dispose();
        }

        await _services.DisposeAsync();

        if (_bus is not null)
        {
            await _bus.StopAsync();
        }

        await _infrastructure.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private InferenceClient NewInferenceClient(StartedService service)
    {
        var client = new InferenceClient(Channel(service.GrpcAddress), new Uri($"http://127.0.0.1:{service.HttpPort}/"));
        _inferenceClients.Add(client);
        return client;
    }

    private async Task<StartedService> StartDeploymentAsync(Dictionary<string, string> settings)
    {
        settings[$"ConnectionStrings__{ResourceNames.DeploymentDatabase}"] = await _infrastructure.CreateDatabaseAsync("deployment");
        settings[$"services__{ResourceNames.Registry}__{EndpointNames.Grpc}__0"] = RegistryAddress.ToString();
        return await StartAsync("services/Deployment", "Mlops.Deployment", settings);
    }

    private async Task<StartedService> StartAsync(string folder, string assembly, Dictionary<string, string> environment)
    {
        environment[$"ConnectionStrings__{ResourceNames.Messaging}"] = _infrastructure.Servers.RabbitMq.AmqpUri.ToString();
        return await _services.StartAsync(folder, assembly, environment);
    }

    private GrpcChannel Channel(Uri address) => _services.Channel(address);

    private async Task StartRecordQueueAsync(Uri amqpUri)
    {
        _bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(amqpUri);
            rabbit.ReceiveEndpoint($"gateway-tests-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Handler<InferenceRecorded>(context =>
                {
                    Records.Enqueue(context.Message);
                    return Task.CompletedTask;
                });
            });
        });

        // Bound before any service publishes: RabbitMQ drops what reaches an exchange with no queue.
        await _bus.StartAsync();
    }
}
