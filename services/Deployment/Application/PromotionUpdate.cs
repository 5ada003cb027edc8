namespace Mlops.Deployment.Application;

/// <summary>A promotion after a change, and the history entries (each published as PromotionStepChanged) that describe it.</summary>
public sealed record PromotionUpdate(PromotionInfo Promotion, IReadOnlyList<PromotionHistoryEntry> Entries);
