namespace Mlops.Deployment.Infrastructure;

/// <summary>An endpoint's split as one traffic change left it, kept so that a later change can be rolled back.</summary>
public sealed class TrafficHistoryEntity
{
    public required string Endpoint { get; init; }

    public required long Revision { get; init; }

    public required string Weights { get; init; }

    public required string Mirrors { get; init; }

    public required string StickyHeader { get; init; }

    public required string ChangedBy { get; init; }

    public required DateTimeOffset ChangeTime { get; init; }
}
