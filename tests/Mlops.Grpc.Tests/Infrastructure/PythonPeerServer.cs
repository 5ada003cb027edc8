using System.Diagnostics;
using System.Globalization;
using Mlops.Grpc.Client;

namespace Mlops.Grpc.Tests.Infrastructure;

/// <summary>The Python grpcio TestService (bench/peers/python), as a process on a free port.</summary>
public sealed class PythonPeerServer : IAsyncLifetime
{
    private Process? _process;

    public GrpcChannel Channel { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        start.ArgumentList.Add(Path.Combine(RepoPaths.Root, "bench/peers/python/test_server.py"));
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add("0");
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the Python peer server.");
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await _process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("LISTENING ", StringComparison.Ordinal))
            {
                var port = int.Parse(line["LISTENING ".Length..], CultureInfo.InvariantCulture);
                Channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
                return;
            }
        }

        throw new InvalidOperationException("The Python peer server exited before it listened.");
    }

    public async Task DisposeAsync()
    {
        Channel?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }
}
