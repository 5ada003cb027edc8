using System.Net;
using System.Net.Sockets;
using Mlops.Blobs.Azure;
using Mlops.Blobs.Configuration;
using Mlops.LocalInfrastructure;

namespace Mlops.Blobs.Tests.Infrastructure;

/// <summary>
/// A real Azurite blob service for one test class or collection, started by the same
/// <see cref="AzuriteServer"/> the AppHost uses, on a free port in 10200-10299, with a state
/// folder of its own that goes away with it.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const int FirstPort = 10200;
    private const int LastPort = 10299;
    private const int MaxAttempts = 3;

    private readonly string _stateDirectory = Path.Combine(Path.GetTempPath(), "mlops-blobs-tests-" + Guid.NewGuid().ToString("N"));
    private AzuriteServer? _server;

    public string ConnectionString { get; private set; } = string.Empty;

    public AzureBlobStore CreateStore(AzureBlobStoreOptions? options = null)
    {
        var parsed = BlobConnectionString.Parse(ConnectionString);
        return new AzureBlobStore(parsed.ServiceUri!, parsed.SharedKey!, options);
    }

    public async Task InitializeAsync()
    {
        var defaults = LocalInfrastructureOptions.FromEnvironment();
        LocalResourceException? lastFailure = null;
        foreach (var port in CandidatePorts().Take(MaxAttempts))
        {
            var server = new AzuriteServer(defaults with { StateDirectory = _stateDirectory, AzuriteBlobPort = port });
            try
            {
                await server.StartAsync();
                _server = server;
                ConnectionString = server.BlobConnectionString;
                return;
            }
            catch (LocalResourceException e)
            {
                // Another process may have taken the port between the check and the start.
                lastFailure = e;
            }
        }

        throw new InvalidOperationException($"Azurite did not start on any of {MaxAttempts} ports in {FirstPort}-{LastPort}.", lastFailure);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.StopAsync();
        }

        if (Directory.Exists(_stateDirectory))
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
    }

    private static IEnumerable<int> CandidatePorts()
    {
        var offset = Random.Shared.Next(LastPort - FirstPort + 1);
        for (var i = 0; i <= LastPort - FirstPort; i++)
        {
            var port = FirstPort + ((offset + i) % (LastPort - FirstPort + 1));
            if (IsFree(port))
            {
                yield return port;
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
