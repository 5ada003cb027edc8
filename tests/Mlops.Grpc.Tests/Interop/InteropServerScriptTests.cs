using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Mlops.Grpc.Tests.Infrastructure;
using Mlops.Testing;

namespace Mlops.Grpc.Tests.Interop;

/// <summary>The documented way to start the interop server for another platform's client.</summary>
public sealed class InteropServerScriptTests
{
    [Fact]
    public async Task eng_interop_server_sh_serves_on_the_given_port_in_the_foreground()
    {
        var port = FreePort();
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        start.ArgumentList.Add("eng/interop-server.sh");
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        using var server = Process.Start(start)!;
        server.BeginErrorReadLine();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var line = await server.StandardOutput.ReadLineAsync(timeout.Token);
            Assert.Equal($"LISTENING {port}", line);

            var client = await ExternalProcess.RunAsync(
                "/usr/bin/python3",
                [Path.Combine(RepoPaths.Root, "tests/interop/python/interop_client.py"), "--server_host", "127.0.0.1", "--server_port", port.ToString(CultureInfo.InvariantCulture), "--test_case", "large_unary"]);
            Assert.True(client.ExitCode == 0, client.Output);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task eng_interop_server_sh_without_a_port_explains_its_usage()
    {
        var result = await ExternalProcess.RunAsync("bash", ["eng/interop-server.sh"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage: eng/interop-server.sh PORT", result.Output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
