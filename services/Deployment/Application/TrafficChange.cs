namespace Mlops.Deployment.Application;

/// <summary>A validated new traffic split, and the revision it replaces (null: whatever the current one is).</summary>
public sealed record TrafficChange(
    IReadOnlyDictionary<string, int> Weights,
    IReadOnlyDictionary<string, int> Mirrors,
    string StickyHeader,
    long? ExpectedRevision,
    string UpdatedBy,
    DateTimeOffset UpdateTime);
