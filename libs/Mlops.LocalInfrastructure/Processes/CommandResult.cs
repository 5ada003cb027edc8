namespace Mlops.LocalInfrastructure.Processes;

/// <summary>How a command ended: its exit code (-1 when it timed out) and its stdout and stderr, interleaved by line.</summary>
internal sealed record CommandResult(int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;
}
