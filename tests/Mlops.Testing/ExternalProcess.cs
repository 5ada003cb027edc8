using System.Diagnostics;
using System.Text;

namespace Mlops.Testing;

/// <summary>Runs another platform's program to completion, bounded in time, keeping its output.</summary>
public static class ExternalProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        using var process = Process.Start(ProcessStarts.Create(fileName, arguments)) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{fileName} timed out.\n{await stdout}\n{await stderr}");
        }

        output.Append(await stdout).Append(await stderr);
        return (process.ExitCode, output.ToString());
    }
}
