using MassTransit;

namespace Mlops.EventContracts;

/// <summary>
/// A promotion moved: it started, a step began, passed or failed, the gate decided, traffic shifted, or it ended.
/// <see cref="State"/> and <see cref="Step"/> are the promotion's after the change, as mlops.deployment.v1 spells them
/// without prefix (RUNNING, APPROVAL...); <see cref="Kind"/> says what happened (as PromotionHistoryEntry.kind).
/// </summary>
[MessageUrn("mlops:promotion-step-changed:v1")]
[EntityName("mlops.promotion-step-changed.v1")]
public sealed record PromotionStepChanged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string Source,
    string Subject,
    Guid PromotionId,
    string Workspace,
    string ModelName,
    int ModelVersion,
    string State,
    string Step,
    int RolloutStep,
    string Kind,
    string Actor,
    string Comment,
    string Detail) : IIntegrationEvent
{
    public const int ContractVersion = 1;

    public int Version => ContractVersion;
}
