using Mlops.Grpc.Client;
using Mlops.Testing;

namespace Mlops.Grpc.Tests.Infrastructure;

/// <summary>The Python grpcio TestService (bench/peers/python), as a process on a free port.</summary>
public sealed class PythonPeerServer : IAsyncLifetime
{
    private ChildProcess? _process;

    public GrpcChannel Channel { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _process = await ChildProcess.StartAsync("/usr/bin/python3", [Path.Combine(RepoPaths.Root, "bench/peers/python/test_server.py"), "--port", "0"]);
        Channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_process.Port}");
    }

    public async Task DisposeAsync()
    {
        Channel?.Dispose();
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}
