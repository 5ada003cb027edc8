namespace Mlops.Deployment.Application;

/// <summary>
/// A promotion as stored: where it is (<see cref="State"/>, <see cref="Step"/>, <see cref="RolloutStep"/>), the route
/// it started with, what it created, and the production split it replaces (to roll back to).
/// </summary>
public sealed record PromotionInfo(
    Guid Id,
    string Workspace,
    string ModelName,
    int Version,
    string RequestedBy,
    string Trigger,
    PromotionState State,
    PromotionStep Step,
    int RolloutStep,
    PromotionRoute Route,
    string StagingDeployment,
    string ProductionDeployment,
    IReadOnlyDictionary<string, int> PreviousWeights,
    long? ProductionRevision,
    DateTimeOffset? DueTime,
    string Reason,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    IReadOnlyList<PromotionHistoryEntry> History)
{
    public const string RequestTrigger = "request";
    public const string ApprovedTrigger = "model-version-approved";
    public const string SystemActor = "system";

    public bool IsRunning => State == PromotionState.Running;
}
