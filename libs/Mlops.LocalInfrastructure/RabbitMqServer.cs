using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mlops.LocalInfrastructure.Files;
using Mlops.LocalInfrastructure.Networking;
using Mlops.LocalInfrastructure.Processes;

namespace Mlops.LocalInfrastructure;

/// <summary>
/// A private RabbitMQ 3.10 node (Debian's rabbitmq-server, run directly, not as a system service): node name, data,
/// logs, config and Erlang cookie (its HOME) in <c>&lt;state&gt;/rabbitmq</c>, AMQP, distribution and a private epmd
/// on 127.0.0.1, no plugins. guest/guest works because it connects from loopback.
/// </summary>
public sealed class RabbitMqServer(LocalInfrastructureOptions options, ILogger? logger = null) : ILocalResource
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly Prerequisites _prerequisites = new(options, logger ?? NullLogger.Instance);

    public string Name => "rabbitmq";

    public int Port => options.RabbitMqPort;

    public Uri AmqpUri => new(string.Create(CultureInfo.InvariantCulture, $"amqp://guest:guest@127.0.0.1:{Port}/"));

    public string NodeName => options.RabbitMqNodeName;

    public string ResourceDirectory => Path.Combine(options.StateDirectory, Name);

    /// <summary>The node's own output (RABBITMQ_LOGS=-) and whatever erl or the start script said before it could log.</summary>
    public string LogFile => Path.Combine(ResourceDirectory, "rabbitmq.log");

    /// <summary>Written by the node itself (RABBITMQ_PID_FILE): the pid of beam.smp, removed on a clean stop.</summary>
    private string PidFilePath => Path.Combine(ResourceDirectory, "rabbitmq.pid");

    private string EpmdPidFilePath => Path.Combine(ResourceDirectory, "epmd.pid");

    private string EpmdLogFile => Path.Combine(ResourceDirectory, "epmd.log");

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        using var stateLock = await StateLock.AcquireAsync(options.StateDirectory, Name, options.StartTimeout, cancellationToken).ConfigureAwait(false);
        var stopwatch = Stopwatch.StartNew();
        if (RunningPid() is int running)
        {
            if (!await WaitUntilAnswersAsync(() => ProcessTable.IsAlive(running), cancellationToken).ConfigureAwait(false))
            {
                throw new LocalResourceException(Name, $"pid {running} runs but does not answer AMQP on port {Port}", LogTail.Read(LogFile));
            }

            Log.AlreadyRunning(_logger, Name, running);
            return;
        }

        RemoveStalePidFile(PidFilePath, "beam");
        RemoveStalePidFile(EpmdPidFilePath, "epmd");
        await EndLeftoversAsync().ConfigureAwait(false);
        await _prerequisites.EnsureAsync(
            Name,
            () => File.Exists(options.RabbitMqServerPath) && File.Exists(options.EpmdPath),
            $"{options.RabbitMqServerPath} and {options.EpmdPath} (Debian package rabbitmq-server)",
            cancellationToken).ConfigureAwait(false);
        var epmd = RunningEpmdPid();
        if (epmd is null)
        {
            await PortCheck.EnsureFreeAsync(Name, options.RabbitMqEpmdPort, LogFile, cancellationToken).ConfigureAwait(false);
        }

        await PortCheck.EnsureFreeAsync(Name, Port, LogFile, cancellationToken).ConfigureAwait(false);
        await PortCheck.EnsureFreeAsync(Name, options.RabbitMqDistributionPort, LogFile, cancellationToken).ConfigureAwait(false);
        Log.Starting(_logger, Name, AmqpUri.ToString());
        PrepareDirectory();

        var logOffset = LogTail.Length(LogFile);
        var startedEpmd = false;
        int? serverScript = null;
        var succeeded = false;
        try
        {
            if (epmd is null)
            {
                epmd = await StartEpmdAsync(cancellationToken).ConfigureAwait(false);
                startedEpmd = true;
            }

            serverScript = await CommandRunner.StartDetachedAsync(options.RabbitMqServerPath, [], LogFile, ResourceDirectory, Environment(), cancellationToken)
                .ConfigureAwait(false);
            var script = serverScript.Value;
            if (!await WaitUntilAnswersAsync(() => ProcessTable.IsAlive(script) || RunningPid() is not null, cancellationToken).ConfigureAwait(false))
            {
                var alive = ProcessTable.IsAlive(script) || RunningPid() is not null;
                throw Failure(alive ? $"did not answer AMQP on port {Port} within {options.StartTimeout.TotalSeconds:0} s" : "exited while starting", logOffset);
            }

            succeeded = true;
        }
        catch (Exception e) when (e is not (LocalResourceException or OperationCanceledException))
        {
            throw new LocalResourceException(Name, e.Message, LogTail.Read(LogFile, logOffset), e);
        }
        finally
        {
            if (!succeeded)
            {
                await CleanUpFailedStartAsync(serverScript, startedEpmd ? epmd : null).ConfigureAwait(false);
            }
        }

        Log.Started(_logger, Name, RunningPid() ?? serverScript.Value, AmqpUri.ToString(), stopwatch.ElapsedMilliseconds);
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        using var stateLock = await StateLock.AcquireAsync(options.StateDirectory, Name, options.StartTimeout, cancellationToken).ConfigureAwait(false);
        if (RunningPid() is int pid)
        {
            // The node takes SIGTERM as a graceful stop (as rabbitmqctl stop would, without booting the CLI's own Erlang VM).
            if (!await ProcessTable.TerminateAsync(pid, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false))
            {
                throw new LocalResourceException(Name, $"pid {pid} did not stop", LogTail.Read(LogFile));
            }

            Log.Stopped(_logger, Name, pid);
        }

        await EndLeftoversAsync().ConfigureAwait(false);
        if (RunningEpmdPid() is int epmd)
        {
            await ProcessTable.TerminateAsync(epmd, TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        }

        PidFile.Delete(PidFilePath);
        PidFile.Delete(EpmdPidFilePath);
    }

    public async Task<ResourceStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var endpoints = new[] { AmqpUri.ToString() };
        if (RunningPid() is not int pid)
        {
            var stale = PidFile.Read(PidFilePath);
            return new ResourceStatus(Name, ResourceState.Stopped, null, endpoints, stale is null ? null : $"stale rabbitmq.pid (pid {stale} is gone)");
        }

        return await AmqpProbe.AnswersAsync(Port, cancellationToken).ConfigureAwait(false)
            ? new ResourceStatus(Name, ResourceState.Running, pid, endpoints, $"node {NodeName}, epmd port {options.RabbitMqEpmdPort}")
            : new ResourceStatus(Name, ResourceState.Failed, pid, endpoints, $"pid {pid} runs but does not answer AMQP on port {Port}");
    }

    private int? RunningPid() => PidFile.Read(PidFilePath) is int pid && ProcessTable.IsAlive(pid, "beam") ? pid : null;

    private int? RunningEpmdPid() => PidFile.Read(EpmdPidFilePath) is int pid && ProcessTable.IsAlive(pid, "epmd") ? pid : null;

    private void RemoveStalePidFile(string path, string commandLineContains)
    {
        if (PidFile.Read(path) is int stale && !ProcessTable.IsAlive(stale, commandLineContains))
        {
            Log.StalePidFile(_logger, Name, stale, path);
            PidFile.Delete(path);
        }
    }

    private void PrepareDirectory()
    {
        try
        {
            foreach (var folder in new[] { "home", "mnesia", "log" })
            {
                Directory.CreateDirectory(Path.Combine(ResourceDirectory, folder));
            }

            File.WriteAllText(
                Path.Combine(ResourceDirectory, "rabbitmq.conf"),
                "# Written by Mlops.LocalInfrastructure at every start; ports and addresses come from its environment.\nloopback_users.guest = true\n");
            File.WriteAllText(Path.Combine(ResourceDirectory, "enabled_plugins"), "[].\n");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new LocalResourceException(Name, $"permission denied: cannot write {ResourceDirectory} ({e.Message})", innerException: e);
        }
    }

    private Dictionary<string, string?> Environment()
    {
        var environment = new Dictionary<string, string?>();
        foreach (var name in System.Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            // A developer's own RabbitMQ or Erlang settings must not leak into the private node.
            if (name.StartsWith("RABBITMQ_", StringComparison.Ordinal) || name.StartsWith("ERL_", StringComparison.Ordinal))
            {
                environment[name] = null;
            }
        }

        var directory = ResourceDirectory;
        environment["HOME"] = Path.Combine(directory, "home");
        environment["LC_ALL"] = "C.UTF-8";
        environment["RABBITMQ_NODENAME"] = NodeName;
        environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        environment["RABBITMQ_NODE_PORT"] = Port.ToString(CultureInfo.InvariantCulture);
        environment["RABBITMQ_DIST_PORT"] = options.RabbitMqDistributionPort.ToString(CultureInfo.InvariantCulture);
        // Idle Erlang schedulers spin before they sleep; on a small machine shared with the services that spinning
        // takes the cores they need, so the schedulers sleep at once.
        environment["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1} +sbwt none +sbwtdcpu none +sbwtdio none";
        environment["ERL_EPMD_PORT"] = options.RabbitMqEpmdPort.ToString(CultureInfo.InvariantCulture);
        environment["ERL_EPMD_ADDRESS"] = "127.0.0.1";
        environment["ERL_CRASH_DUMP"] = Path.Combine(directory, "erl_crash.dump");
        environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia");
        environment["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log");
        environment["RABBITMQ_LOGS"] = "-";
        environment["RABBITMQ_PID_FILE"] = PidFilePath;
        environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(directory, "rabbitmq.conf");
        environment["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(directory, "advanced.config");
        environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(directory, "enabled_plugins");

        // Never sourced (it does not exist): /etc/rabbitmq/rabbitmq-env.conf belongs to the system node.
        environment["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(directory, "rabbitmq-env.conf");
        return environment;
    }

    private async Task<int> StartEpmdAsync(CancellationToken cancellationToken)
    {
        var port = options.RabbitMqEpmdPort.ToString(CultureInfo.InvariantCulture);
        var pid = await CommandRunner.StartDetachedAsync(options.EpmdPath, ["-port", port, "-address", "127.0.0.1"], EpmdLogFile, ResourceDirectory, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        PidFile.Write(EpmdPidFilePath, pid);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await PortCheck.AcceptsConnectionsAsync(options.RabbitMqEpmdPort, cancellationToken).ConfigureAwait(false))
        {
            if (!ProcessTable.IsAlive(pid) || DateTime.UtcNow >= deadline)
            {
                throw new LocalResourceException(Name, $"epmd did not listen on port {port}", LogTail.Read(EpmdLogFile));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
        }

        return pid;
    }

    private async Task<bool> WaitUntilAnswersAsync(Func<bool> isAlive, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + options.StartTimeout;
        while (!await AmqpProbe.AnswersAsync(Port, cancellationToken).ConfigureAwait(false))
        {
            if (!isAlive() || DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private LocalResourceException Failure(string why, long logOffset)
    {
        var tail = LogTail.Read(LogFile, logOffset);
        var text = tail ?? "";
        var reason =
            text.Contains("eaddrinuse", StringComparison.OrdinalIgnoreCase) ? $"{why}: a port is in use by another process ({Port}, {options.RabbitMqDistributionPort} or {options.RabbitMqEpmdPort})"
            : text.Contains("eacces", StringComparison.OrdinalIgnoreCase) || text.Contains("permission denied", StringComparison.OrdinalIgnoreCase) ? $"{why}: permission denied"
            : why;
        return new LocalResourceException(Name, reason, tail);
    }

    private async Task CleanUpFailedStartAsync(int? serverScript, int? epmd)
    {
        // Not cancellable: what this start left running must go even when the start was cancelled.
        if (RunningPid() is int beam)
        {
            await ProcessTable.KillAsync(beam).ConfigureAwait(false);
        }

        if (serverScript is int script)
        {
            // setsid made the script a group leader; erl and beam.smp are in its group, pid file or not.
            await ProcessTable.KillGroupAsync(script).ConfigureAwait(false);
        }

        await EndLeftoversAsync().ConfigureAwait(false);
        if (epmd is int started)
        {
            await ProcessTable.KillAsync(started).ConfigureAwait(false);
            PidFile.Delete(EpmdPidFilePath);
        }

        PidFile.Delete(PidFilePath);
    }

    /// <summary>
    /// Waits for what carries the node's environment but is not the node to go, and kills what has not within 5 s:
    /// the helpers it forked (erl_child_setup, inet_gethost), which quit when they notice it is gone, and a node
    /// whose starter died before it wrote its pid file. So a stop leaves no process behind, and a start no stranger
    /// on its ports.
    /// </summary>
    private async Task EndLeftoversAsync()
    {
        var mnesia = Path.Combine(ResourceDirectory, "mnesia");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (ProcessTable.WithEnvironment("RABBITMQ_MNESIA_BASE", mnesia) is { Count: > 0 } helpers)
        {
            if (DateTime.UtcNow >= deadline)
            {
                foreach (var helper in helpers)
                {
                    await ProcessTable.KillAsync(helper).ConfigureAwait(false);
                }

                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50)).ConfigureAwait(false);
        }
    }
}
