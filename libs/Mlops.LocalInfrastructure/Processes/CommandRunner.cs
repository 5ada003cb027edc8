using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Mlops.LocalInfrastructure.Processes;

/// <summary>Runs short commands (initdb, pg_ctl, chown, the prerequisites script) to completion, and starts servers detached.</summary>
internal static class CommandRunner
{
    // setsid puts the server in a session of its own, so neither the starter's exit nor a Ctrl+C in
    // its terminal reaches it; a background job of a non-interactive sh is no group leader, so setsid
    // execs in place and $! is the server's own pid.
    private const string DetachScript = "log=\"$1\"; shift; setsid \"$@\" >>\"$log\" 2>&1 </dev/null & echo $!";

    public static async Task<CommandResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null,
        CancellationToken cancellationToken = default)
    {
        var start = CreateStartInfo(fileName, arguments, environment, workingDirectory);
        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return new CommandResult(127, $"{fileName}: {e.Message}");
        }

        // Nothing is ever typed in: a command that asks (sudo, apt) reads end of input instead of hanging.
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            lock (output)
            {
                return new CommandResult(-1, $"{output}{fileName} did not finish within {timeout.TotalSeconds:0} s.");
            }
        }

        process.WaitForExit();
        lock (output)
        {
            return new CommandResult(process.ExitCode, output.ToString());
        }
    }

    /// <summary>Starts a server that outlives this process, its output appended to <paramref name="logFile"/>; returns its pid.</summary>
    public static async Task<int> StartDetachedAsync(
        string fileName,
        IEnumerable<string> arguments,
        string logFile,
        string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null,
        CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(
            "/bin/sh",
            ["-c", DetachScript, "sh", logFile, fileName, .. arguments],
            TimeSpan.FromSeconds(30),
            environment,
            workingDirectory,
            cancellationToken).ConfigureAwait(false);
        var lastLine = result.Output.Trim().Split('\n')[^1];
        return result.Succeeded && int.TryParse(lastLine, out var pid)
            ? pid
            : throw new InvalidOperationException($"Could not start {fileName} detached: {result.Output.Trim()}");
    }

    private static ProcessStartInfo CreateStartInfo(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment,
        string? workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "/",
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return start;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Append(line).Append('\n');
        }
    }
}
