namespace Mlops.Deployment.Application;

/// <summary>One thing that happened to a promotion: at which step, who did it, their comment and the details.</summary>
public sealed record PromotionHistoryEntry(
    DateTimeOffset Time,
    PromotionStep Step,
    PromotionHistoryKind Kind,
    string Actor,
    string Comment,
    string Detail);
