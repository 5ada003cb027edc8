using Mlops.Grpc.Client;
using Mlops.LocalInfrastructure;
using Mlops.Resources;
using Mlops.Testing;

namespace Mlops.Registry.Tests.Infrastructure;

/// <summary>
/// One registry process as the AppHost runs it, configured only through the Aspire environment contract (plus any
/// <c>settings</c>, e.g. <c>Uploads__Lease</c>), on a database of its own and the run's RabbitMQ and Azurite. It can be
/// killed the hard way (SIGKILL: no shutdown code runs) and started again on the same database, as a crash and a
/// supervisor's restart would.
/// </summary>
public sealed class RegistryProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private ChildProcess? _process;
    private GrpcChannel? _channel;

    private RegistryProcess(Dictionary<string, string> environment) => _environment = environment;

    public RegistryClient Client { get; private set; } = null!;

    /// <summary>What the process printed so far (for a failing test's message).</summary>
    public string Output => _process?.Output ?? "";

    public static async Task<RegistryProcess> StartAsync(string databaseConnectionString, LocalServers servers, IReadOnlyDictionary<string, string>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            [$"ConnectionStrings__{ResourceNames.RegistryDatabase}"] = databaseConnectionString,
            [$"ConnectionStrings__{ResourceNames.Messaging}"] = servers.RabbitMq.AmqpUri.ToString(),
            [$"ConnectionStrings__{ResourceNames.Blobs}"] = servers.Azurite.BlobConnectionString,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var registry = new RegistryProcess(environment);
        try
        {
            await registry.RestartAsync();
        }
        catch
        {
            await registry.DisposeAsync();
            throw;
        }

        return registry;
    }

    /// <summary>SIGKILL, as a crash or the OOM killer would: no request finishes, no cleanup runs.</summary>
    public async Task KillAsync()
    {
        _channel?.Dispose();
        _channel = null;
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    /// <summary>Starts the process (again), on fresh ports, and waits until it is healthy.</summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        var started = await ServiceProcesses.StartAsync(ServiceProcesses.Assembly("services/Registry", "Mlops.Registry"), _environment);
        _process = started.Process;
        _channel = GrpcChannel.ForAddress(started.GrpcAddress);
        Client = new RegistryClient(_channel);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
    }
}
