using System.Globalization;
using Mlops.Testing;

namespace Mlops.Grpc.Tests.Interop;

/// <summary>The documented way to start the interop server for another platform's client.</summary>
public sealed class InteropServerScriptTests
{
    [Fact]
    public async Task eng_interop_server_sh_serves_on_the_given_port_in_the_foreground()
    {
        var port = FreePorts.Next();
        await using var server = await ChildProcess.StartAsync("bash", ["eng/interop-server.sh", port.ToString(CultureInfo.InvariantCulture)], timeout: TimeSpan.FromMinutes(3));
        Assert.Equal(port, server.Port);

        var client = await ExternalProcess.RunAsync(
            "/usr/bin/python3",
            [Path.Combine(RepoPaths.Root, "tests/interop/python/interop_client.py"), "--server_host", "127.0.0.1", "--server_port", port.ToString(CultureInfo.InvariantCulture), "--test_case", "large_unary"]);
        Assert.True(client.ExitCode == 0, client.Output);
    }

    [Fact]
    public async Task eng_interop_server_sh_without_a_port_explains_its_usage()
    {
        var result = await ExternalProcess.RunAsync("bash", ["eng/interop-server.sh"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage: eng/interop-server.sh PORT", result.Output);
    }
}
