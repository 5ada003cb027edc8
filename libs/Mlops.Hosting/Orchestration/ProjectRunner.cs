using System.Diagnostics;
using Mlops.Hosting.ApplicationModel;
using Mlops.LocalInfrastructure.Processes;

namespace Mlops.Hosting.Orchestration;

/// <summary>
/// Runs a service from its build output with the environment the orchestrator built, streams its output, probes its
/// health, and restarts it with backoff when it exits without being asked to.
/// </summary>
internal sealed class ProjectRunner(
    ProjectResource resource,
    IReadOnlyDictionary<string, string> environment,
    ResourceNotificationService notifications,
    ResourceLogs logs,
    RestartBackoff backoff,
    TimeSpan stopGrace) : ResourceRunner(resource, notifications)
{
    private static readonly TimeSpan ProbeIntervalUntilHealthy = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _stopping = new();
    private readonly HttpClient _probeClient = new() { Timeout = TimeSpan.FromSeconds(2) };
    private Process? _process;
    private bool _launched;
    private Task _supervision = Task.CompletedTask;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        Publish(snapshot => snapshot with { State = ResourceRunState.Starting, Detail = null });
        Process process;
        try
        {
            process = Launch();
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or FileNotFoundException)
        {
            Publish(snapshot => snapshot with { State = ResourceRunState.FailedToStart, Health = HealthStatus.Unhealthy, Detail = e.Message });
            throw new InvalidOperationException($"{resource} did not start: {e.Message}", e);
        }

        _supervision = SuperviseAsync(process);
        return Task.CompletedTask;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _supervision.ConfigureAwait(false);
        _probeClient.Dispose();
        if (!_launched)
        {
            // Never launched: its FailedToStart (or NotStarted) state is the truth to keep.
            return;
        }

        if (_process is { HasExited: false } process)
        {
            Publish(snapshot => snapshot with { State = ResourceRunState.Stopping, Health = HealthStatus.Unknown });

            // SIGTERM lets the host drain: health turns NOT_SERVING, in-flight calls finish, the outbox relay stops.
            if (!await ProcessTable.TerminateAsync(process.Id, stopGrace, cancellationToken).ConfigureAwait(false))
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }

        Publish(snapshot => snapshot with { State = ResourceRunState.Stopped, Health = HealthStatus.Unknown, ProcessId = null });
    }

    private Process Launch()
    {
        var targetPath = resource.Project.TargetPath;
        if (!File.Exists(targetPath))
        {
            throw new FileNotFoundException($"build output missing: {targetPath} (build the AppHost, which builds its projects)", targetPath);
        }

        // The native apphost next to the assembly gives the process the service's name in ps and top.
        var native = Path.ChangeExtension(targetPath, null);
        var startInfo = File.Exists(native) ? new ProcessStartInfo(native) : new ProcessStartInfo(DotnetHost(), [targetPath]);
        startInfo.WorkingDirectory = Path.GetDirectoryName(targetPath)!;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.UseShellExecute = false;
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => WriteLine(line.Data);
        process.ErrorDataReceived += (_, line) => WriteLine(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        _launched = true;
        Publish(snapshot => snapshot with { State = ResourceRunState.Running, Health = HealthStatus.Unknown, ProcessId = process.Id, Detail = null });
        return process;
    }

    private async Task SuperviseAsync(Process process)
    {
        var crashes = 0;
        while (true)
        {
            var started = Stopwatch.StartNew();
            using var probing = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            var probe = ProbeHealthAsync(probing.Token);
            try
            {
                await process.WaitForExitAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await probing.CancelAsync().ConfigureAwait(false);
                await probe.ConfigureAwait(false);
                return;
            }

            await probing.CancelAsync().ConfigureAwait(false);
            await probe.ConfigureAwait(false);
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            crashes = started.Elapsed >= backoff.StableAfter ? 1 : crashes + 1;
            var delay = backoff.DelayFor(crashes);
            var exitCode = process.ExitCode;
            logs.Write(resource.Name, $"exited with code {exitCode}; restarting in {delay.TotalSeconds:0.#} s");
            Publish(snapshot => snapshot with
            {
                State = ResourceRunState.Exited,
                Health = HealthStatus.Unhealthy,
                ProcessId = null,
                Detail = $"exit code {exitCode}; restart in {delay.TotalSeconds:0.#} s",
            });
            _process = null;
            process.Dispose();
            try
            {
                await Task.Delay(delay, _stopping.Token).ConfigureAwait(false);
                Publish(snapshot => snapshot with { Restarts = snapshot.Restarts + 1 });
                process = Launch();
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or FileNotFoundException)
            {
                Publish(snapshot => snapshot with { State = ResourceRunState.FailedToStart, Detail = e.Message });
                return;
            }
        }
    }

    private async Task ProbeHealthAsync(CancellationToken cancellationToken)
    {
        var http = resource.Endpoints.FirstOrDefault(endpoint => endpoint.Protocol == EndpointProtocol.Http1);
        if (http is null)
        {
            return;
        }

        var url = new Uri(http.Url, resource.HealthPath);
        var everHealthy = false;
        try
        {
            while (true)
            {
                var health = await CheckAsync(url, cancellationToken).ConfigureAwait(false);

                // Refused connections while it boots are not ill health yet.
                everHealthy |= health == HealthStatus.Healthy;
                health = everHealthy ? health : HealthStatus.Unknown;
                if (Notifications.Get(resource.Name) is { State: ResourceRunState.Running } current && current.Health != health)
                {
                    Publish(snapshot => snapshot.State == ResourceRunState.Running ? snapshot with { Health = health } : snapshot);
                }

                await Task.Delay(health == HealthStatus.Healthy ? ProbeInterval : ProbeIntervalUntilHealthy, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<HealthStatus> CheckAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _probeClient.GetAsync(url, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? HealthStatus.Healthy : HealthStatus.Unhealthy;
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return HealthStatus.Unhealthy;
        }
    }

    private void WriteLine(string? line)
    {
        if (line is not null)
        {
            logs.Write(resource.Name, line);
        }
    }

    /// <summary>The dotnet host that runs this AppHost, so a service runs on the same runtime.</summary>
    private static string DotnetHost()
    {
        var fromCli = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromCli) && File.Exists(fromCli))
        {
            return fromCli;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
