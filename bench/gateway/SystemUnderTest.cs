using Mlops.Grpc.Client;
using Mlops.Resources;
using Mlops.Testing;

namespace Mlops.Bench.Gateway;

/// <summary>
/// PostgreSQL, RabbitMQ and Azurite of their own, and the registry and the deployment service as the AppHost runs them
/// (Release builds, their own processes, configured only through the environment contract).
/// </summary>
internal sealed class SystemUnderTest : IAsyncDisposable
{
    private readonly TestInfrastructure _infrastructure;
    private readonly StartedService _registry;
    private readonly StartedService _deployment;

    private SystemUnderTest(TestInfrastructure infrastructure, StartedService registry, StartedService deployment)
    {
        _infrastructure = infrastructure;
        _registry = registry;
        _deployment = deployment;
        Registry = GrpcChannel.ForAddress(registry.GrpcAddress);
        Deployment = GrpcChannel.ForAddress(deployment.GrpcAddress);
    }

    public GrpcChannel Registry { get; }

    public GrpcChannel Deployment { get; }

    public Uri GatewayAddress => _deployment.GrpcAddress;

    public int GatewayProcessId => _deployment.Process.ProcessId;

    public static async Task<SystemUnderTest> StartAsync()
    {
        var infrastructure = new TestInfrastructure("mlops-bench-gw");
        await infrastructure.StartAsync(servers => [servers.Postgres, servers.RabbitMq, servers.Azurite]);
        var servers = infrastructure.Servers;
        var common = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Logging__LogLevel__Default"] = "Warning",
            [$"ConnectionStrings__{ResourceNames.Messaging}"] = servers.RabbitMq.AmqpUri.ToString(),
        };
        var registry = await ServiceProcesses.StartAsync(ServiceProcesses.Assembly("services/Registry", "Mlops.Registry"), new Dictionary<string, string>(common)
        {
            [$"ConnectionStrings__{ResourceNames.RegistryDatabase}"] = await infrastructure.CreateDatabaseAsync("registry"),
            [$"ConnectionStrings__{ResourceNames.Blobs}"] = servers.Azurite.BlobConnectionString,
        });
        var deployment = await ServiceProcesses.StartAsync(ServiceProcesses.Assembly("services/Deployment", "Mlops.Deployment"), new Dictionary<string, string>(common)
        {
            [$"ConnectionStrings__{ResourceNames.DeploymentDatabase}"] = await infrastructure.CreateDatabaseAsync("deployment"),
            [$"services__{ResourceNames.Registry}__{EndpointNames.Grpc}__0"] = registry.GrpcAddress.ToString(),
            // Records are sampled rarely, as a production endpoint would: publishing is not what is measured here.
            ["Deployment__Gateway__RecordSampleRate"] = "0.001",
        });
        return new SystemUnderTest(infrastructure, registry, deployment);
    }

    public async ValueTask DisposeAsync()
    {
        Registry.Dispose();
        Deployment.Dispose();
        await _deployment.Process.DisposeAsync();
        await _registry.Process.DisposeAsync();
        await _infrastructure.DisposeAsync();
    }
}
