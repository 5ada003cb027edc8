using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mlops.LocalInfrastructure.Files;
using Mlops.LocalInfrastructure.Networking;
using Mlops.LocalInfrastructure.Processes;

namespace Mlops.LocalInfrastructure;

/// <summary>
/// Azurite's blob service (azurite-blob from <c>eng/azurite</c>, pinned by its package-lock.json) on 127.0.0.1, its
/// data in <c>&lt;state&gt;/azurite/data</c>, with the well-known development account <c>devstoreaccount1</c>. Strict
/// mode (no --loose): a client that sends what Azure would reject hears about it here first.
/// </summary>
public sealed class AzuriteServer(LocalInfrastructureOptions options, ILogger? logger = null) : ILocalResource
{
    public const string AccountName = "devstoreaccount1";

    /// <summary>The development storage key every Azurite and the old storage emulator use; public by design.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly Prerequisites _prerequisites = new(options, logger ?? NullLogger.Instance);

    public string Name => "azurite";

    public int Port => options.AzuriteBlobPort;

    public Uri BlobEndpoint => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/{AccountName}"));

    public string BlobConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};";

    public string ResourceDirectory => Path.Combine(options.StateDirectory, Name);

    public string DataDirectory => Path.Combine(ResourceDirectory, "data");

    public string LogFile => Path.Combine(ResourceDirectory, "azurite.log");

    private string PidFilePath => Path.Combine(ResourceDirectory, "azurite.pid");

    private string? InstallDirectory =>
        options.AzuriteDirectory ?? (options.RepositoryRoot is null ? null : Path.Combine(options.RepositoryRoot, "eng", "azurite"));

    private string? Executable => InstallDirectory is null ? null : Path.Combine(InstallDirectory, "node_modules", ".bin", "azurite-blob");

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        using var stateLock = await StateLock.AcquireAsync(options.StateDirectory, Name, options.StartTimeout, cancellationToken).ConfigureAwait(false);
        var stopwatch = Stopwatch.StartNew();
        if (RunningPid() is int running)
        {
            if (!await WaitUntilAnswersAsync(running, cancellationToken).ConfigureAwait(false))
            {
                throw new LocalResourceException(Name, $"pid {running} runs but does not answer on {BlobEndpoint}", LogTail.Read(LogFile));
            }

            Log.AlreadyRunning(_logger, Name, running);
            return;
        }

        if (PidFile.Read(PidFilePath) is int stale)
        {
            Log.StalePidFile(_logger, Name, stale, PidFilePath);
            PidFile.Delete(PidFilePath);
        }

        await _prerequisites.EnsureAsync(
            Name,
            IsInstalled,
            $"{Executable ?? "eng/azurite/node_modules/.bin/azurite-blob"} as eng/azurite/package-lock.json pins it, and node (npm ci --prefix eng/azurite)",
            cancellationToken).ConfigureAwait(false);
        await PortCheck.EnsureFreeAsync(Name, Port, LogFile, cancellationToken).ConfigureAwait(false);
        Log.Starting(_logger, Name, BlobEndpoint.ToString());
        try
        {
            Directory.CreateDirectory(DataDirectory);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new LocalResourceException(Name, $"permission denied: cannot create {DataDirectory} ({e.Message})", innerException: e);
        }

        var logOffset = LogTail.Length(LogFile);
        int? pid = null;
        var succeeded = false;
        try
        {
            pid = await CommandRunner.StartDetachedAsync(
                Executable!,
                [
                    "--blobHost", "127.0.0.1",
                    "--blobPort", Port.ToString(CultureInfo.InvariantCulture),
                    "--location", DataDirectory,
                    "--skipApiVersionCheck",
                    "--disableTelemetry",
                ],
                LogFile,
                ResourceDirectory,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            PidFile.Write(PidFilePath, pid.Value);
            if (!await WaitUntilAnswersAsync(pid.Value, cancellationToken).ConfigureAwait(false))
            {
                throw Failure(
                    ProcessTable.IsAlive(pid.Value) ? $"did not answer on {BlobEndpoint} within {options.StartTimeout.TotalSeconds:0} s" : "exited while starting",
                    logOffset);
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
                if (pid is int started)
                {
                    await ProcessTable.KillGroupAsync(started).ConfigureAwait(false);
                }

                PidFile.Delete(PidFilePath);
            }
        }

        Log.Started(_logger, Name, pid.Value, BlobEndpoint.ToString(), stopwatch.ElapsedMilliseconds);
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        using var stateLock = await StateLock.AcquireAsync(options.StateDirectory, Name, options.StartTimeout, cancellationToken).ConfigureAwait(false);
        if (RunningPid() is int pid)
        {
            // SIGTERM lets Azurite close its metadata database cleanly.
            if (!await ProcessTable.TerminateAsync(pid, TimeSpan.FromSeconds(15), cancellationToken).ConfigureAwait(false))
            {
                throw new LocalResourceException(Name, $"pid {pid} did not stop", LogTail.Read(LogFile));
            }

            Log.Stopped(_logger, Name, pid);
        }

        PidFile.Delete(PidFilePath);
    }

    public async Task<ResourceStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var endpoints = new[] { BlobEndpoint.ToString() };
        if (RunningPid() is not int pid)
        {
            var stale = PidFile.Read(PidFilePath);
            return new ResourceStatus(Name, ResourceState.Stopped, null, endpoints, stale is null ? null : $"stale azurite.pid (pid {stale} is gone)");
        }

        return await AzuriteProbe.AnswersAsync(BlobEndpoint, cancellationToken).ConfigureAwait(false)
            ? new ResourceStatus(Name, ResourceState.Running, pid, endpoints, $"data {DataDirectory}")
            : new ResourceStatus(Name, ResourceState.Failed, pid, endpoints, $"pid {pid} runs but does not answer on {BlobEndpoint}");
    }

    /// <summary>Ours: azurite-blob serving this state folder's data, not a pid that the system gave to something else since.</summary>
    private int? RunningPid() => PidFile.Read(PidFilePath) is int pid && ProcessTable.IsAlive(pid, DataDirectory) ? pid : null;

    private bool IsInstalled()
    {
        if (Executable is null || !File.Exists(Executable) || !Prerequisites.IsOnPath("node"))
        {
            return false;
        }

        // The stamp eng/prerequisites.sh leaves after npm ci: an edited lockfile means node_modules is out of date.
        var lockFile = Path.Combine(InstallDirectory!, "package-lock.json");
        var stamp = Path.Combine(InstallDirectory!, "node_modules", ".installed-lock-sha256");
        if (!File.Exists(lockFile) || !File.Exists(stamp))
        {
            return File.Exists(Executable);
        }

        using var stream = File.OpenRead(lockFile);
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        return File.ReadAllText(stamp).Trim() == hash;
    }

    private async Task<bool> WaitUntilAnswersAsync(int pid, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + options.StartTimeout;
        while (!await AzuriteProbe.AnswersAsync(BlobEndpoint, cancellationToken).ConfigureAwait(false))
        {
            if (!ProcessTable.IsAlive(pid) || DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private LocalResourceException Failure(string why, long logOffset)
    {
        var tail = LogTail.Read(LogFile, logOffset);
        var text = tail ?? "";
        var reason =
            text.Contains("EADDRINUSE", StringComparison.Ordinal) ? $"port {Port} is in use by another process"
            : text.Contains("EACCES", StringComparison.Ordinal) ? $"{why}: permission denied"
            : why;
        return new LocalResourceException(Name, reason, tail);
    }
}
