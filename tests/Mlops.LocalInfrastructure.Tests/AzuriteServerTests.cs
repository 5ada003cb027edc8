using System.Diagnostics;
using System.Globalization;
using System.Net;
using Mlops.LocalInfrastructure.Processes;
using Mlops.LocalInfrastructure.Tests.Infrastructure;

namespace Mlops.LocalInfrastructure.Tests;

public sealed class AzuriteServerTests
{
    [Fact]
    public async Task Starts_answers_signed_requests_is_found_again_gets_over_a_stale_pid_file_and_stops()
    {
        await using var state = TestState.Create("az");
        var azurite = new AzuriteServer(state.Options);
        var pidFile = Path.Combine(azurite.ResourceDirectory, "azurite.pid");

        await azurite.StartAsync();
        var status = await azurite.GetStatusAsync();
        Assert.Equal(ResourceState.Running, status.State);
        var pid = Assert.IsType<int>(status.ProcessId);
        Assert.Equal(azurite.BlobEndpoint.ToString(), Assert.Single(status.Endpoints));
        Assert.Equal([IPAddress.Loopback], Listeners.On(azurite.Port));

        using var client = new SharedKeyClient(azurite.BlobConnectionString);
        using (var unsigned = new HttpClient())
        using (var refused = await unsigned.GetAsync(new Uri(azurite.BlobEndpoint + "?comp=list")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("AuthorizationFailure", refused.Headers.GetValues("x-ms-error-code").Single());
        }

        using (var created = await client.SendAsync(HttpMethod.Put, "models?restype=container"))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await azurite.StartAsync();
        Assert.Equal(pid, (await azurite.GetStatusAsync()).ProcessId);

        await azurite.StopAsync();
        Assert.False(ProcessTable.IsAlive(pid));

        // A pid file naming a process that is gone, as a crash or a reboot leaves it.
        await File.WriteAllTextAsync(pidFile, DeadPid().ToString(CultureInfo.InvariantCulture) + "\n");
        var stale = await azurite.GetStatusAsync();
        Assert.Equal(ResourceState.Stopped, stale.State);
        Assert.Contains("stale", stale.Detail, StringComparison.Ordinal);

        await azurite.StartAsync();
        var restarted = Assert.IsType<int>((await azurite.GetStatusAsync()).ProcessId);
        using (var listed = await client.SendAsync(HttpMethod.Get, "?comp=list"))
        {
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
            Assert.Contains("<Name>models</Name>", await listed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await azurite.StopAsync();
        Assert.False(ProcessTable.IsAlive(restarted));
        Assert.False(File.Exists(pidFile));
        Assert.Equal(ResourceState.Stopped, (await azurite.GetStatusAsync()).State);
        Assert.Empty(TestState.ProcessesOf(state.Directory));
    }

    private static int DeadPid()
    {
        using var process = Process.Start("true")!;
        process.WaitForExit();
        return process.Id;
    }
}
