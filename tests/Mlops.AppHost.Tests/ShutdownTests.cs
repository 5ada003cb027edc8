using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Mlops.LocalInfrastructure;
using Mlops.LocalInfrastructure.Processes;
using Mlops.Testing;

namespace Mlops.AppHost.Tests;

/// <summary>
/// `dotnet run --project AppHost` as a user runs it, stopped the two ways a user stops it. Every process it started
/// (the services, PostgreSQL, RabbitMQ with epmd and its helpers, Azurite) must be gone after it exits.
/// </summary>
public sealed class ShutdownTests
{
    private const string MarkerVariable = "MLOPS_TEST_APPHOST_RUN";

    [Theory]
    [InlineData(PosixSignal.SIGTERM)]
    [InlineData(PosixSignal.SIGINT)]
    public async Task Stopping_the_AppHost_leaves_no_process_it_started(PosixSignal signal)
    {
        var stateDirectory = Path.Combine(Path.GetTempPath(), $"mlops-stop-{Guid.NewGuid():N}"[..22]);
        Directory.CreateDirectory(stateDirectory);
        var marker = Guid.NewGuid().ToString("N");
        var environment = new Dictionary<string, string>
        {
            [MarkerVariable] = marker,
            [LocalInfrastructureOptions.StateDirectoryVariable] = stateDirectory,
            [LocalInfrastructureOptions.PostgresPortVariable] = Port(),
            [LocalInfrastructureOptions.RabbitMqPortVariable] = Port(),
            [LocalInfrastructureOptions.RabbitMqEpmdPortVariable] = Port(),
            [LocalInfrastructureOptions.RabbitMqDistributionPortVariable] = Port(),
            [LocalInfrastructureOptions.AzuriteBlobPortVariable] = Port(),
            ["AppHost__RandomizePorts"] = "true",
        };
        using var appHost = Process.Start(ProcessStarts.Create("dotnet", [AppHostAssembly()], environment))!;
        var output = new OutputLog(appHost);
        try
        {
            await output.WaitForAsync("Distributed application started.", TimeSpan.FromMinutes(3));
            var started = Started(marker, stateDirectory);
            Assert.True(started.Count >= 4, $"Expected the registry, PostgreSQL, RabbitMQ and Azurite, found: {Describe(started)}\n{output}");
            Assert.Contains(started, pid => ProcessTable.CommandLine(pid).Contains("Mlops.Registry", StringComparison.Ordinal));
            Assert.Contains(started, pid => ProcessTable.CommandLine(pid).Contains("postgres", StringComparison.Ordinal));
            Assert.Contains(started, pid => ProcessTable.CommandLine(pid).Contains("beam", StringComparison.Ordinal));
            Assert.Contains(started, pid => ProcessTable.CommandLine(pid).Contains("azurite", StringComparison.Ordinal));
            AssertShowsWhatAUserNeeds(output.ToString());

            ProcessTable.Signal(appHost.Id, signal == PosixSignal.SIGTERM ? 15 : 2);
            using var exit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await appHost.WaitForExitAsync(exit.Token);

            Assert.True(appHost.ExitCode == 0, $"exit code {appHost.ExitCode}\n{output}");
            var left = await RemainingAsync(marker, stateDirectory);
            Assert.True(left.Count == 0, $"Left running: {Describe(left)}\n{output}");
            Assert.Contains("Stopped.", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            if (!appHost.HasExited)
            {
                appHost.Kill(entireProcessTree: true);
            }

            await new LocalServers(LocalInfrastructureOptions.FromEnvironment(name => environment.GetValueOrDefault(name))).StopAllAsync();
            TryDelete(stateDirectory);
        }
    }

    /// <summary>The resource table, every resource's log lines behind its name, and where the registry listens with how to call it.</summary>
    private static void AssertShowsWhatAUserNeeds(string output)
    {
        var lines = output.Split('\n');
        Assert.Contains(lines, line => Regex.IsMatch(line, @"^RESOURCE\s+TYPE\s+STATE\s+HEALTH\s+PID\s+RESTARTS\s+ENDPOINTS"));
        Assert.Contains(lines, line => Regex.IsMatch(line, @"^registry\s+project\s+Running\s+Healthy\s+\d+\s+0\s+http: http://127\.0\.0\.1:\d+/, grpc: http://127\.0\.0\.1:\d+/"));
        foreach (var resource in new[] { "postgres", "messaging", "storage", "registry" })
        {
            Assert.Contains(lines, line => line.StartsWith(resource, StringComparison.Ordinal) && line.Contains(" | ", StringComparison.Ordinal));
        }

        Assert.Contains(lines, line => Regex.IsMatch(line, @"registry grpc\s+http://127\.0\.0\.1:\d+/\s+try: grpcurl -plaintext 127\.0\.0\.1:\d+ list"));
    }

    /// <summary>Processes of this run: they inherited the marker, or their command line names the run's state folder.</summary>
    private static List<int> Started(string marker, string stateDirectory)
    {
        var pids = ProcessTable.WithEnvironment(MarkerVariable, marker).ToHashSet();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && pid != Environment.ProcessId
                && ProcessTable.CommandLine(pid).Contains(stateDirectory, StringComparison.Ordinal) && ProcessTable.IsAlive(pid))
            {
                pids.Add(pid);
            }
        }

        return pids.ToList();
    }

    /// <summary>Processes of the run still there; helpers that exit right after their server get a moment to do so.</summary>
    private static async Task<List<int>> RemainingAsync(string marker, string stateDirectory)
    {
        var settle = Stopwatch.StartNew();
        var left = Started(marker, stateDirectory);
        while (left.Count > 0 && settle.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(200);
            left = Started(marker, stateDirectory);
        }

        return left;
    }

    private static string Describe(IEnumerable<int> pids) =>
        string.Join("; ", pids.Select(pid => $"{pid}: {ProcessTable.CommandLine(pid)}"));

    private static string AppHostAssembly()
    {
        // The AppHost's own build output, next to this test's: …/bin/<Configuration>/net10.0/.
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var configuration = framework.Parent!.Name;
        return Path.Combine(RepoPaths.Root, "AppHost", "bin", configuration, framework.Name, "Mlops.AppHost.dll");
    }

    private static string Port() => FreePorts.Next().ToString(CultureInfo.InvariantCulture);

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
