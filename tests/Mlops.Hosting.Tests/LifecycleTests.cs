using System.Diagnostics;
using System.Runtime.Versioning;
using Mlops.Hosting.ApplicationModel;
using Mlops.Hosting.Orchestration;
using Mlops.LocalInfrastructure;

namespace Mlops.Hosting.Tests;

[SupportedOSPlatform("linux")]
public sealed class LifecycleTests : IDisposable
{
    private readonly ScriptProject _script = new();

    [Fact]
    public async Task A_stop_during_the_start_cancels_it_and_stops_what_was_launched()
    {
        var builder = NewBuilder();
        var slow = builder.AddResource(new ProjectResource("slow", _script)).WithHttpEndpoint();
        builder.AddResource(new ProjectResource("dependent", _script)).WithHttpEndpoint().WaitFor(slow);
        var application = builder.Build();

        // "slow" runs but never becomes healthy, so "dependent" waits and the start never finishes on its own.
        var start = application.StartAsync();
        var running = await application.ResourceNotifications.WaitForResourceAsync("slow", snapshot => snapshot.ProcessId is not null).WaitAsync(TimeSpan.FromSeconds(30));
        await application.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => start);
        Assert.True(HasExited(running.ProcessId!.Value), "the launched script is still running");
        Assert.Equal(ResourceRunState.Stopped, application.ResourceNotifications.Get("slow").State);
        Assert.Null(application.ResourceNotifications.Get("dependent").ProcessId);
    }

    [Fact]
    public async Task Cancelling_a_stop_kills_a_service_that_ignores_SIGTERM_instead_of_waiting_out_the_grace()
    {
        var builder = NewBuilder();
        builder.Options.StopGrace = TimeSpan.FromMinutes(5);
        builder.AddResource(new ProjectResource("stubborn", _script)).WithHttpEndpoint().WithEnvironment("IGNORE_SIGTERM", "1");
        var application = builder.Build();
        _ = application.StartAsync();
        var running = await application.ResourceNotifications.WaitForResourceAsync("stubborn", snapshot => snapshot.ProcessId is not null).WaitAsync(TimeSpan.FromSeconds(30));
        await WaitForFileAsync(_script.EnvironmentFile);

        using var impatience = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var stopwatch = Stopwatch.StartNew();
        await application.StopAsync(impatience.Token).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromMinutes(1), $"stop took {stopwatch.Elapsed}");
        Assert.True(HasExited(running.ProcessId!.Value), "the stubborn script survived the stop");
    }

    [Fact]
    public async Task A_service_does_not_inherit_the_configuration_the_AppHost_was_given_for_itself()
    {
        Environment.SetEnvironmentVariable("ConnectionStrings__leaked", "Host=elsewhere");
        Environment.SetEnvironmentVariable("ASPNETCORE_URLS", "http://0.0.0.0:1");
        try
        {
            var builder = NewBuilder();
            builder.AddResource(new ProjectResource("script", _script)).WithHttpEndpoint().WithEnvironment("Feature__X", "on");
            await using var application = builder.Build();
            _ = application.StartAsync();

            var environment = await WaitForFileAsync(_script.EnvironmentFile);

            Assert.Contains("Feature__X=on", environment);
            Assert.Contains("OTEL_SERVICE_NAME=script", environment);
            Assert.DoesNotContain(environment, line => line.StartsWith("ConnectionStrings__leaked", StringComparison.Ordinal));
            Assert.DoesNotContain(environment, line => line.StartsWith("ASPNETCORE_URLS", StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable("ConnectionStrings__leaked", null);
            Environment.SetEnvironmentVariable("ASPNETCORE_URLS", null);
        }
    }

    [Fact]
    public void Resources_that_wait_for_each_other_in_a_cycle_are_refused_at_build()
    {
        var builder = NewBuilder();
        var first = builder.AddResource(new ProjectResource("first", _script)).WithHttpEndpoint();
        var second = builder.AddResource(new ProjectResource("second", _script)).WithHttpEndpoint().WaitFor(first);
        first.WaitFor(second);

        var error = Assert.Throws<InvalidOperationException>(builder.Build);

        Assert.Contains("cycle: first -> second -> first", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_project_without_an_http_endpoint_is_refused_because_its_health_could_never_be_probed()
    {
        var builder = NewBuilder();
        builder.AddResource(new ProjectResource("grpc-only", _script)).WithGrpcEndpoint();

        var error = Assert.Throws<InvalidOperationException>(builder.Build);

        Assert.Contains("Project 'grpc-only' has no HTTP endpoint", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _script.Dispose();

    private static DistributedApplicationBuilder NewBuilder()
    {
        var builder = DistributedApplication.CreateBuilder([]);
        builder.Options.ShowResourceTable = false;
        builder.Options.WriteLogsToConsole = false;
        builder.Options.RandomizePorts = true;
        builder.Options.Infrastructure = new LocalInfrastructureOptions { StateDirectory = Path.Combine(Path.GetTempPath(), "mlops-model-only"), PostgresPort = 61001, RabbitMqPort = 61002 };
        return builder;
    }

    private static bool HasExited(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private static async Task<string[]> WaitForFileAsync(string path)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (File.Exists(path) && new FileInfo(path).Length > 0)
            {
                // The script writes it in one go; a short pause lets the write finish.
                await Task.Delay(100);
                return await File.ReadAllLinesAsync(path);
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{path} was never written.");
    }
}
