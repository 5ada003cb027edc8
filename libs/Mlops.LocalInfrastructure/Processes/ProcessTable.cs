using System.Globalization;

namespace Mlops.LocalInfrastructure.Processes;

/// <summary>Looks processes up in /proc and signals them.</summary>
public static class ProcessTable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// True when the process runs and its command line holds <paramref name="commandLineContains"/>. A zombie counts
    /// as gone once all its threads are (by then its sockets are closed): where PID 1 reaps orphans late or never
    /// (containers, micro-VMs), a stopped server can stay a zombie for a while.
    /// </summary>
    public static bool IsAlive(int pid, string? commandLineContains = null)
    {
        if (pid <= 0 || !IsRunning(pid))
        {
            return false;
        }

        return commandLineContains is null || CommandLine(pid).Contains(commandLineContains, StringComparison.Ordinal);
    }

    /// <summary>Live processes whose environment holds <paramref name="variable"/>=<paramref name="value"/>: the helpers a server forked (erl_child_setup, inet_gethost), which outlive it by a moment.</summary>
    public static IReadOnlyList<int> WithEnvironment(string variable, string value)
    {
        var entry = $"{variable}={value}";
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(directory, "environ")).Split('\0').Contains(entry) && IsAlive(pid))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    public static void Signal(int pid, int signal)
    {
        if (pid > 0)
        {
            _ = NativeMethods.Kill(pid, signal);
        }
    }

    /// <summary>True when the process is gone within <paramref name="timeout"/>.</summary>
    public static async Task<bool> WaitForExitAsync(int pid, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsAlive(pid))
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>SIGTERM, and SIGKILL if it is still there after <paramref name="grace"/>; true when it is gone.</summary>
    public static async Task<bool> TerminateAsync(int pid, TimeSpan grace, CancellationToken cancellationToken = default)
    {
        Signal(pid, NativeMethods.SigTerm);
        if (await WaitForExitAsync(pid, grace, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        return await KillAsync(pid, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SIGKILL to a whole process group: a start script and whatever it had started before it could write a pid file.</summary>
    public static async Task<bool> KillGroupAsync(int groupLeader, CancellationToken cancellationToken = default)
    {
        if (groupLeader > 1)
        {
            _ = NativeMethods.Kill(-groupLeader, NativeMethods.SigKill);
        }

        return await WaitForExitAsync(groupLeader, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
    }

    public static async Task<bool> KillAsync(int pid, CancellationToken cancellationToken = default)
    {
        Signal(pid, NativeMethods.SigKill);
        return await WaitForExitAsync(pid, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
    }

    private static bool IsRunning(int pid)
    {
        var state = State($"/proc/{pid}/stat");
        if (state is null)
        {
            return false;
        }

        if (state is not ('Z' or 'X'))
        {
            return true;
        }

        // A zombie leader whose other threads are still on their way out still holds its files and sockets.
        try
        {
            var leader = pid.ToString(CultureInfo.InvariantCulture);
            return Directory.EnumerateDirectories($"/proc/{pid}/task")
                .Any(task => Path.GetFileName(task) != leader && State(Path.Combine(task, "stat")) is char thread && thread is not ('Z' or 'X'));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The state letter of /proc/.../stat (R, S, D, Z, ...), or null when the process or thread is gone.</summary>
    private static char? State(string statPath)
    {
        try
        {
            var stat = File.ReadAllText(statPath);
            var afterName = stat.LastIndexOf(')');
            return afterName >= 0 && afterName + 2 < stat.Length ? stat[afterName + 2] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
