using Mlops.EventContracts;
using Mlops.Resources;

namespace Mlops.Deployment.Application;

/// <summary>The event each history entry is published as.</summary>
public static class PromotionEvents
{
    public static PromotionStepChanged StepChanged(PromotionInfo promotion, PromotionHistoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(promotion);
        ArgumentNullException.ThrowIfNull(entry);
        return new PromotionStepChanged(
            Guid.NewGuid(), entry.Time, ResourceNames.Deployment, EventSubjects.Promotion(promotion.Id), promotion.Id, promotion.Workspace,
            promotion.ModelName, promotion.Version, PromotionNames.State(promotion.State), PromotionNames.Step(promotion.Step), promotion.RolloutStep,
            PromotionNames.Kind(entry.Kind), entry.Actor, entry.Comment, entry.Detail);
    }
}
