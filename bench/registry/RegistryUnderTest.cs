using Mlops.Grpc.Client;
using Mlops.Resources;
using Mlops.Testing;

namespace Mlops.Bench.Registry;

/// <summary>
/// PostgreSQL, RabbitMQ and Azurite of their own, and the registry as the AppHost runs it (Release build, its own
/// process, configured only through the environment contract).
/// </summary>
internal sealed class RegistryUnderTest : IAsyncDisposable
{
    private readonly TestInfrastructure _infrastructure;
    private readonly ChildProcess _process;

    private RegistryUnderTest(TestInfrastructure infrastructure, ChildProcess process, string databaseConnectionString, Uri grpcAddress)
    {
        _infrastructure = infrastructure;
        _process = process;
        DatabaseConnectionString = databaseConnectionString;
        Channel = GrpcChannel.ForAddress(grpcAddress);
    }

    public string DatabaseConnectionString { get; }

    public GrpcChannel Channel { get; }

    public int ProcessId => _process.ProcessId;

    public static async Task<RegistryUnderTest> StartAsync()
    {
        var infrastructure = new TestInfrastructure("mlops-bench");
        await infrastructure.StartAsync(servers => [servers.Postgres, servers.RabbitMq, servers.Azurite]);
        var servers = infrastructure.Servers;
        var database = await infrastructure.CreateDatabaseAsync("registry");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            [$"ConnectionStrings__{ResourceNames.RegistryDatabase}"] = database,
            [$"ConnectionStrings__{ResourceNames.Messaging}"] = servers.RabbitMq.AmqpUri.ToString(),
            [$"ConnectionStrings__{ResourceNames.Blobs}"] = servers.Azurite.BlobConnectionString,
        };
        var started = await ServiceProcesses.StartAsync(ServiceProcesses.Assembly("services/Registry", "Mlops.Registry"), environment);
        return new RegistryUnderTest(infrastructure, started.Process, database, started.GrpcAddress);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _process.DisposeAsync();
        await _infrastructure.DisposeAsync();
    }
}
