using System.Collections.Concurrent;
using System.Diagnostics;

namespace Mlops.Testing;

/// <summary>
/// A long-running program started for a test (a server of ours or of another platform), which
/// announces readiness with a line "LISTENING PORT". Killed, with its children, when disposed.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ChildProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The operating system\'s process id (e.g. to read its CPU time).</summary>
    public int ProcessId => _process.Id;

    public string Output => string.Join('\n', _output);

    public static async Task<ChildProcess> StartAsync(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var process = Process.Start(ProcessStarts.Create(fileName, arguments, environment)) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stderr = new ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                stderr.Enqueue(e.Data);
            }
        };
        process.BeginErrorReadLine();

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
            {
                if (line.StartsWith("LISTENING ", StringComparison.Ordinal))
                {
                    var child = new ChildProcess(process, int.Parse(line["LISTENING ".Length..], System.Globalization.CultureInfo.InvariantCulture));
                    _ = child.DrainAsync(process.StandardOutput);
                    return child;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"{fileName} did not announce LISTENING:\n{string.Join('\n', stderr)}");
    }

    /// <summary>
    /// Starts a program that announces nothing (a service as the AppHost runs it, on ports given in its environment);
    /// it is ready once <paramref name="isReady"/> says so, e.g. when its health endpoint answers.
    /// </summary>
    public static async Task<ChildProcess> StartAsync(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment,
        int port,
        Func<CancellationToken, Task<bool>> isReady,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(isReady);
        var process = Process.Start(ProcessStarts.Create(fileName, arguments, environment)) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var child = new ChildProcess(process, port);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                child._output.Enqueue(e.Data);
            }
        };
        process.BeginErrorReadLine();
        _ = child.DrainAsync(process.StandardOutput);

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            while (!process.HasExited)
            {
                if (await isReady(cts.Token))
                {
                    return child;
                }

                await Task.Delay(100, cts.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }

        var output = child.Output;
        await child.DisposeAsync();
        throw new InvalidOperationException($"{fileName} did not become ready:\n{output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>Kills the program outright (SIGKILL), as a crash or an OOM killer would, and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        using var kill = Process.Start("kill", ["-KILL", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        await _process.WaitForExitAsync();
    }

    /// <summary>Asks the program to stop as a supervisor would (SIGTERM) and waits for it.</summary>
    public async Task<bool> StopGracefullyAsync(TimeSpan timeout)
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task DrainAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            _output.Enqueue(line);
        }
    }
}
