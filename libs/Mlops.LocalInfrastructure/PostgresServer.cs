using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mlops.LocalInfrastructure.Files;
using Mlops.LocalInfrastructure.Networking;
using Mlops.LocalInfrastructure.Processes;
using Npgsql;

namespace Mlops.LocalInfrastructure;

/// <summary>
/// A private PostgreSQL 15 cluster in <c>&lt;state&gt;/postgres/data</c>, listening on 127.0.0.1 only (no Unix
/// socket), with password authentication (SCRAM-SHA-256) for the superuser <c>mlops</c>/<c>mlops</c>. It runs as the
/// postgres user when this process is root (PostgreSQL refuses to run as root), as the current user otherwise.
/// Durability is traded for speed (fsync off): the cluster holds development and test data only.
/// </summary>
public sealed partial class PostgresServer(LocalInfrastructureOptions options, ILogger? logger = null) : ILocalResource
{
    public const string UserName = "mlops";
    public const string Password = "mlops";

    private const string ServiceUser = "postgres";

    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly Prerequisites _prerequisites = new(options, logger ?? NullLogger.Instance);

    public string Name => "postgres";

    public int Port => options.PostgresPort;

    public string ResourceDirectory => Path.Combine(options.StateDirectory, Name);

    public string DataDirectory => Path.Combine(ResourceDirectory, "data");

    public string LogFile => Path.Combine(ResourceDirectory, "postgres.log");

    /// <summary>For people and status tables; programs use <see cref="ConnectionString"/>.</summary>
    public string Endpoint => $"postgresql://{UserName}:{Password}@127.0.0.1:{Port}/";

    private string PostmasterPidFile => Path.Combine(DataDirectory, "postmaster.pid");

    private static bool RunsAsServiceUser => Environment.IsPrivilegedProcess;

    private string ServerOptions => string.Create(
        CultureInfo.InvariantCulture,
        $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off");

    /// <summary>An Npgsql connection string for <paramref name="database"/> on this cluster.</summary>
    public string ConnectionString(string database)
    {
        ValidateDatabaseName(database);
        return string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username={UserName};Password={Password};Database={database}");
    }

    /// <summary>Creates <paramref name="name"/> unless it exists; safe to call from several processes at once.</summary>
    public async Task EnsureDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        ValidateDatabaseName(name);
        var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = name } } };
            await using (exists.ConfigureAwait(false))
            {
                if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
                {
                    return;
                }
            }

            // The name is checked against DatabaseName(), so quoting it is enough.
#pragma warning disable CA2100
            var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
#pragma warning restore CA2100
            await using (create.ConfigureAwait(false))
            {
                try
                {
                    await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
                {
                }
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        using var stateLock = await StateLock.AcquireAsync(options.StateDirectory, Name, options.StartTimeout, cancellationToken).ConfigureAwait(false);
        var stopwatch = Stopwatch.StartNew();
        if (RunningPid() is int running)
        {
            await EnsureAnswersAsync(running, cancellationToken).ConfigureAwait(false);
            Log.AlreadyRunning(_logger, Name, running);
            return;
        }

        await RemoveStalePidFileAsync(cancellationToken).ConfigureAwait(false);
        await _prerequisites.EnsureAsync(
            Name,
            () => File.Exists(Bin("pg_ctl")) && File.Exists(Bin("initdb")) && (!RunsAsServiceUser || File.Exists("/usr/sbin/runuser")),
            $"pg_ctl and initdb in {options.PostgresBinDirectory} (Debian package postgresql-15)",
            cancellationToken).ConfigureAwait(false);
        await PortCheck.EnsureFreeAsync(Name, Port, LogFile, cancellationToken).ConfigureAwait(false);
        Log.Starting(_logger, Name, Endpoint);
        await PrepareDirectoryAsync(cancellationToken).ConfigureAwait(false);
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            await InitDbAsync(cancellationToken).ConfigureAwait(false);
        }

        var logOffset = LogTail.Length(LogFile);
        var timeoutSeconds = ((int)options.StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        int? pid = null;
        try
        {
            var result = await RunAsServiceUserAsync(
                Bin("pg_ctl"),
                ["start", "-w", "-t", timeoutSeconds, "-D", DataDirectory, "-l", LogFile, "-o", ServerOptions],
                options.StartTimeout + TimeSpan.FromSeconds(15),
                cancellationToken).ConfigureAwait(false);
            if (result.Succeeded && RunningPid() is int started && await AnswersAsync(cancellationToken).ConfigureAwait(false))
            {
                pid = started;
            }
            else
            {
                var tail = JoinTails(result.Output, LogTail.Read(LogFile, logOffset));
                throw new LocalResourceException(Name, FailureReason(result, tail), tail);
            }
        }
        finally
        {
            if (pid is null)
            {
                await CleanUpFailedStartAsync().ConfigureAwait(false);
            }
        }

        Log.Started(_logger, Name, pid.Value, Endpoint, stopwatch.ElapsedMilliseconds);
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        using var stateLock = await StateLock.AcquireAsync(options.StateDirectory, Name, options.StartTimeout, cancellationToken).ConfigureAwait(false);
        if (RunningPid() is not int pid)
        {
            await RemoveStalePidFileAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var result = await RunAsServiceUserAsync(Bin("pg_ctl"), ["stop", "-m", "fast", "-w", "-t", "60", "-D", DataDirectory], TimeSpan.FromSeconds(75), cancellationToken)
            .ConfigureAwait(false);
        if (!await ProcessTable.WaitForExitAsync(pid, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false))
        {
            // SIGQUIT is PostgreSQL's immediate shutdown; SIGKILL only if even that hangs.
            ProcessTable.Signal(pid, NativeMethods.SigQuit);
            if (!await ProcessTable.WaitForExitAsync(pid, TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false)
                && !await ProcessTable.KillAsync(pid, cancellationToken).ConfigureAwait(false))
            {
                throw new LocalResourceException(Name, $"pid {pid} did not stop", JoinTails(result.Output, LogTail.Read(LogFile)));
            }
        }

        await RemoveStalePidFileAsync(cancellationToken).ConfigureAwait(false);
        Log.Stopped(_logger, Name, pid);
    }

    public async Task<ResourceStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        if (RunningPid() is not int pid)
        {
            var stale = PidFile.Read(PostmasterPidFile);
            return new ResourceStatus(Name, ResourceState.Stopped, null, [Endpoint], stale is null ? null : $"stale postmaster.pid (pid {stale} is gone)");
        }

        return await AnswersAsync(cancellationToken).ConfigureAwait(false)
            ? new ResourceStatus(Name, ResourceState.Running, pid, [Endpoint], $"data {DataDirectory}")
            : new ResourceStatus(Name, ResourceState.Failed, pid, [Endpoint], $"pid {pid} runs but does not accept connections on port {Port}");
    }

    private static void ValidateDatabaseName(string database)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        if (!DatabaseName().IsMatch(database))
        {
            throw new ArgumentException($"'{database}' is not a database name this cluster accepts: 1-63 letters, digits, '_' or '-'.", nameof(database));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_-]{0,62}$")]
    private static partial Regex DatabaseName();

    private static string? JoinTails(string commandOutput, string? logTail)
    {
        var joined = string.Join('\n', new[] { commandOutput.Trim(), logTail }.Where(part => !string.IsNullOrWhiteSpace(part)));
        return joined.Length == 0 ? null : joined;
    }

    private string FailureReason(CommandResult result, string? tail)
    {
        tail ??= "";
        if (tail.Contains("Address already in use", StringComparison.Ordinal))
        {
            return $"port {Port} is in use by another process";
        }

        if (tail.Contains("Permission denied", StringComparison.Ordinal))
        {
            return "permission denied (see its log)";
        }

        return result.ExitCode == -1
            ? $"did not accept connections within {options.StartTimeout.TotalSeconds:0} s"
            : $"pg_ctl start failed (exit {result.ExitCode})";
    }

    private string Bin(string tool) => Path.Combine(options.PostgresBinDirectory, tool);

    private int? RunningPid() => PidFile.Read(PostmasterPidFile) is int pid && ProcessTable.IsAlive(pid, "postgres") ? pid : null;

    private async Task RemoveStalePidFileAsync(CancellationToken cancellationToken)
    {
        if (PidFile.Read(PostmasterPidFile) is not int stale || ProcessTable.IsAlive(stale, "postgres"))
        {
            return;
        }

        // PostgreSQL would clear it itself, but not when the pid is a zombie, which kill(pid, 0) takes for alive. Its
        // other check stays ours to make: no backend of the dead postmaster may still be attached to its shared memory.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (SharedMemoryId() is int id && SharedMemoryAttachments(id) > 0)
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new LocalResourceException(Name, $"processes of the crashed postmaster (pid {stale}) still hold its shared memory (shmid {id})", LogTail.Read(LogFile));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }

        Log.StalePidFile(_logger, Name, stale, PostmasterPidFile);
        PidFile.Delete(PostmasterPidFile);
    }

    /// <summary>Line 7 of postmaster.pid: the key and id of the System V segment every backend attaches to.</summary>
    private int? SharedMemoryId()
    {
        var fields = PostmasterPidLine(6)?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return fields.Length == 2 && int.TryParse(fields[1], CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    private string? PostmasterPidLine(int index)
    {
        try
        {
            var lines = File.ReadAllLines(PostmasterPidFile);
            return lines.Length > index ? lines[index].Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int SharedMemoryAttachments(int id)
    {
        // Columns: key shmid perms size cpid lpid nattch ...
        foreach (var line in File.ReadLines("/proc/sysvipc/shm").Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 6 && fields[1] == id.ToString(CultureInfo.InvariantCulture))
            {
                return int.Parse(fields[6], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private async Task EnsureAnswersAsync(int pid, CancellationToken cancellationToken)
    {
        if (PostmasterPidLine(3) is string portLine && int.TryParse(portLine, CultureInfo.InvariantCulture, out var port) && port != Port)
        {
            throw new LocalResourceException(Name, $"already running (pid {pid}) on port {port}, not on the configured {Port}: stop it first");
        }

        var deadline = DateTime.UtcNow + options.StartTimeout;
        while (!await AnswersAsync(cancellationToken).ConfigureAwait(false))
        {
            if (DateTime.UtcNow >= deadline || !ProcessTable.IsAlive(pid))
            {
                throw new LocalResourceException(Name, $"pid {pid} runs but does not accept connections on port {Port}", LogTail.Read(LogFile));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        try
        {
            var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false;Timeout=3");
            await using (connection.ConfigureAwait(false))
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                var command = new NpgsqlCommand("SELECT 1", connection);
                await using (command.ConfigureAwait(false))
                {
                    return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is 1;
                }
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return false;
        }
    }

    private async Task PrepareDirectoryAsync(CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(ResourceDirectory);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new LocalResourceException(Name, $"permission denied: cannot create {ResourceDirectory} ({e.Message})", innerException: e);
        }

        if (!RunsAsServiceUser || OperatingSystem.IsWindows())
        {
            return;
        }

        // The postgres user must reach its folder through the state folder, which root created.
        var state = options.StateDirectory;
        File.SetUnixFileMode(state, File.GetUnixFileMode(state) | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        await RunCheckedAsync("chown", [ServiceUser + ":", ResourceDirectory], cancellationToken).ConfigureAwait(false);
        var reachable = await CommandRunner.RunAsync(
            "runuser",
            ["-u", ServiceUser, "--", "test", "-w", ResourceDirectory, "-a", "-x", ResourceDirectory],
            TimeSpan.FromSeconds(30),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!reachable.Succeeded)
        {
            throw new LocalResourceException(
                Name,
                $"permission denied: the {ServiceUser} user cannot reach {ResourceDirectory}; every folder above it must be searchable by others (chmod o+x), or set {LocalInfrastructureOptions.StateDirectoryVariable} to a folder that is",
                reachable.Output.Trim());
        }
    }

    private async Task InitDbAsync(CancellationToken cancellationToken)
    {
        Log.Creating(_logger, Name, $"a cluster in {DataDirectory}");
        if (Directory.Exists(DataDirectory))
        {
            // What a failed initdb left behind: initdb refuses a folder that is not empty.
            Directory.Delete(DataDirectory, recursive: true);
        }

        var passwordFile = Path.Combine(ResourceDirectory, "initdb.password");
        File.WriteAllText(passwordFile, Password + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        try
        {
            if (RunsAsServiceUser)
            {
                await RunCheckedAsync("chown", [ServiceUser + ":", passwordFile], cancellationToken).ConfigureAwait(false);
            }

            var result = await RunAsServiceUserAsync(
                Bin("initdb"),
                ["-D", DataDirectory, "-U", UserName, "--pwfile=" + passwordFile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions"],
                TimeSpan.FromMinutes(3),
                cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                if (Directory.Exists(DataDirectory))
                {
                    Directory.Delete(DataDirectory, recursive: true);
                }

                var reason = result.Output.Contains("Permission denied", StringComparison.Ordinal)
                    ? $"permission denied: initdb could not create {DataDirectory}"
                    : $"initdb failed (exit {result.ExitCode})";
                throw new LocalResourceException(Name, reason, result.Output.Trim());
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private async Task CleanUpFailedStartAsync()
    {
        // Not cancellable: what this start left running must go even when the start was cancelled.
        if (RunningPid() is int pid)
        {
            await RunAsServiceUserAsync(Bin("pg_ctl"), ["stop", "-m", "immediate", "-w", "-t", "10", "-D", DataDirectory], TimeSpan.FromSeconds(20), CancellationToken.None)
                .ConfigureAwait(false);
            if (!await ProcessTable.WaitForExitAsync(pid, TimeSpan.FromSeconds(5)).ConfigureAwait(false))
            {
                await ProcessTable.KillAsync(pid).ConfigureAwait(false);
            }
        }

        await RemoveStalePidFileAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static Task<CommandResult> RunAsServiceUserAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // The C locale's English messages are what FailureReason looks for.
        var environment = new Dictionary<string, string?> { ["LC_ALL"] = "C.UTF-8", ["LANGUAGE"] = null };
        return RunsAsServiceUser
            ? CommandRunner.RunAsync("runuser", ["-u", ServiceUser, "--", fileName, .. arguments], timeout, environment, cancellationToken: cancellationToken)
            : CommandRunner.RunAsync(fileName, arguments, timeout, environment, cancellationToken: cancellationToken);
    }

    private async Task RunCheckedAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await CommandRunner.RunAsync(fileName, arguments, TimeSpan.FromSeconds(30), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new LocalResourceException(Name, $"permission denied: {fileName} {string.Join(' ', arguments)} failed (exit {result.ExitCode})", result.Output.Trim());
        }
    }
}
