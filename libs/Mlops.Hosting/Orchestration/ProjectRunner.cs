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
    TimeSpan stopGrace,
    CancellationToken applicationStopping) : ResourceRunner(resource, notifications)
{
    private static readonly TimeSpan ProbeIntervalUntilHealthy = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _stopping = new();
    private readonly HttpClient _probeClient = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly Lock _launching = new();
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
        Process? process;
        lock (_launching)
        {
            // From here on no launch happens, so the process read below is the last one there will be.
            _stopping.Cancel();
            process = _process;
        }

        await _supervision.ConfigureAwait(false);
        _probeClient.Dispose();
        if (!_launched)
        {
            // Never launched: its FailedToStart (or NotStarted) state is the truth to keep.
            return;
        }

        if (process is { HasExited: false })
        {
            Publish(snapshot => snapshot with { State = ResourceRunState.Stopping, Health = HealthStatus.Unknown });

            // SIGTERM lets the host drain: health turns NOT_SERVING, in-flight calls finish, the outbox relay stops.
            var terminated = false;
            try
            {
                terminated = await ProcessTable.TerminateAsync(process.Id, stopGrace, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The caller will not wait for the drain any longer; the kill below still has to happen.
            }

            if (!terminated)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        if (Notifications.Get(resource.Name).State != ResourceRunState.FailedToStart)
        {
            Publish(snapshot => snapshot with { State = ResourceRunState.Stopped, Health = HealthStatus.Unknown, ProcessId = null });
        }
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

        // What the AppHost itself was given for its own use must not leak into a service and override the contract.
        foreach (var inherited in startInfo.Environment.Keys.Where(IsOrchestratorOwned).ToList())
        {
            startInfo.Environment.Remove(inherited);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => WriteLine(line.Data);
        process.ErrorDataReceived += (_, line) => WriteLine(line.Data);
        lock (_launching)
        {
            // A stop that came first wins: launching now would leave a process nobody stops.
            _stopping.Token.ThrowIfCancellationRequested();
            process.Start();
            _process = process;
            _launched = true;
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Publish(snapshot => snapshot with { State = ResourceRunState.Running, Health = HealthStatus.Unknown, ProcessId = process.Id, Detail = null });
        return process;
    }

    private async Task SuperviseAsync(Process process)
    {
        try
        {
            await SuperviseUntilStoppedAsync(process).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Supervision must never fault silently: StopAsync awaits it, and the table should say why restarts ended.
            logs.Write(resource.Name, $"supervision ended: {e.Message}");
            Publish(snapshot => snapshot with { State = ResourceRunState.FailedToStart, Health = HealthStatus.Unhealthy, Detail = e.Message });
        }
    }

    private async Task SuperviseUntilStoppedAsync(Process process)
    {
        var crashes = 0;
        while (true)
        {
            var started = Stopwatch.StartNew();
            using (var probing = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token))
            {
                var probe = ProbeHealthAsync(probing.Token);
                try
                {
                    await process.WaitForExitAsync(_stopping.Token).ConfigureAwait(false);
                }
                finally
                {
                    await probing.CancelAsync().ConfigureAwait(false);
                    await probe.ConfigureAwait(false);
                }
            }

            var exitCode = process.ExitCode;
            if (_stopping.IsCancellationRequested || applicationStopping.IsCancellationRequested)
            {
                // Ctrl+C in a terminal signals the whole process group, so a service may exit before it is told to.
                logs.Write(resource.Name, $"exited with code {exitCode} while the application stops");
                return;
            }

            crashes = started.Elapsed >= backoff.StableAfter ? 1 : crashes + 1;
            var delay = backoff.DelayFor(crashes);
            logs.Write(resource.Name, $"exited with code {exitCode}; restarting in {delay.TotalSeconds:0.#} s");
            Publish(snapshot => snapshot with
            {
                State = ResourceRunState.Exited,
                Health = HealthStatus.Unhealthy,
                ProcessId = null,
                Detail = $"exit code {exitCode}; restart in {delay.TotalSeconds:0.#} s",
            });
            lock (_launching)
            {
                _process = null;
            }

            process.Dispose();
            process = await RelaunchAsync(delay, crashes).ConfigureAwait(false);
        }
    }

    /// <summary>Launches again after <paramref name="delay"/>; a launch that fails (build output gone mid-rebuild) is retried with backoff.</summary>
    private async Task<Process> RelaunchAsync(TimeSpan delay, int crashes)
    {
        while (true)
        {
            await Task.Delay(delay, _stopping.Token).ConfigureAwait(false);
            Publish(snapshot => snapshot with { Restarts = snapshot.Restarts + 1 });
            try
            {
                return Launch();
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or FileNotFoundException)
            {
                delay = backoff.DelayFor(++crashes);
                logs.Write(resource.Name, $"did not start again: {e.Message}; next try in {delay.TotalSeconds:0.#} s");
                Publish(snapshot => snapshot with { State = ResourceRunState.Exited, Detail = $"{e.Message}; next try in {delay.TotalSeconds:0.#} s" });
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

    private static bool IsOrchestratorOwned(string name) =>
        name.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("services__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("AppHost__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Kestrel__", StringComparison.OrdinalIgnoreCase)
        || name is "ASPNETCORE_URLS" or "ASPNETCORE_HTTP_PORTS" or "ASPNETCORE_HTTPS_PORTS" or "OTEL_SERVICE_NAME" or "OTEL_RESOURCE_ATTRIBUTES";

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
