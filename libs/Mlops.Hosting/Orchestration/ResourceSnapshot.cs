namespace Mlops.Hosting.Orchestration;

/// <summary>One resource as the orchestrator sees it now: what the resource table shows and what tests wait on.</summary>
public sealed record ResourceSnapshot(
    string Name,
    string Type,
    ResourceRunState State,
    HealthStatus Health,
    IReadOnlyList<string> Endpoints,
    int? ProcessId = null,
    int Restarts = 0,
    string? Detail = null);
