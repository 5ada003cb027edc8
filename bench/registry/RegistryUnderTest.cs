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

    private RegistryUnderTest(TestInfrastructure infrastructure, ChildProcess process, string databaseConnectionString, int grpcPort)
    {
        _infrastructure = infrastructure;
        _process = process;
        DatabaseConnectionString = databaseConnectionString;
        Channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
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
        var grpcPort = FreePorts.Next();
        var httpPort = FreePorts.Next();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            [$"ConnectionStrings__{ResourceNames.RegistryDatabase}"] = database,
            [$"ConnectionStrings__{ResourceNames.Messaging}"] = servers.RabbitMq.AmqpUri.ToString(),
            [$"ConnectionStrings__{ResourceNames.Blobs}"] = servers.Azurite.BlobConnectionString,
            [$"Kestrel__Endpoints__{EndpointNames.Grpc}__Url"] = $"http://127.0.0.1:{grpcPort}",
            [$"Kestrel__Endpoints__{EndpointNames.Grpc}__Protocols"] = "Http2",
            [$"Kestrel__Endpoints__{EndpointNames.Http}__Url"] = $"http://127.0.0.1:{httpPort}",
            [$"Kestrel__Endpoints__{EndpointNames.Http}__Protocols"] = "Http1",
        };
        using var http = new HttpClient();
        var registryPath = Path.Combine(RepoPaths.Root, "services/Registry/bin/Release/net10.0/Mlops.Registry.dll");
        var process = await ChildProcess.StartAsync("dotnet", [registryPath], environment, grpcPort, async cancellationToken =>
        {
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{httpPort}/health"), cancellationToken);
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        });
        return new RegistryUnderTest(infrastructure, process, database, grpcPort);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _process.DisposeAsync();
        await _infrastructure.DisposeAsync();
    }
}
