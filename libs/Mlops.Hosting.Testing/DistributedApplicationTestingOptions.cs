namespace Mlops.Hosting.Testing;

public sealed class DistributedApplicationTestingOptions
{
    /// <summary>Arguments for the AppHost's entry point.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Start only these resources and what they depend on; null starts all of them.</summary>
    public IReadOnlyCollection<string>? Resources { get; init; }

    /// <summary>How long the whole application may take to become healthy before the start counts as failed.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Resource log lines on the test's console too (they are always kept for <see cref="TestingApplication.GetLogs"/>).</summary>
    public bool WriteLogsToConsole { get; init; }
}
