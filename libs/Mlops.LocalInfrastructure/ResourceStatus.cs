namespace Mlops.LocalInfrastructure;

public enum ResourceState
{
    Stopped,
    Running,
    Failed,
}

/// <summary>What a resource is doing now, and where it listens.</summary>
public sealed record ResourceStatus(string Name, ResourceState State, int? ProcessId, IReadOnlyList<string> Endpoints, string? Detail = null);
