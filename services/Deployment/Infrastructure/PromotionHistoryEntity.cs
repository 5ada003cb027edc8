using Mlops.Deployment.Application;

namespace Mlops.Deployment.Infrastructure;

public sealed class PromotionHistoryEntity
{
    /// <summary>Assigned by the database; orders a promotion's history.</summary>
    public long Sequence { get; init; }

    public required Guid PromotionId { get; init; }

    public required DateTimeOffset Time { get; init; }

    public required string Step { get; init; }

    public required string Kind { get; init; }

    public required string Actor { get; init; }

    public required string Comment { get; init; }

    public required string Detail { get; init; }

    public static PromotionHistoryEntity From(Guid promotionId, PromotionHistoryEntry entry) => new()
    {
        PromotionId = promotionId,
        Time = entry.Time,
        Step = entry.Step.ToString(),
        Kind = entry.Kind.ToString(),
        Actor = entry.Actor,
        Comment = entry.Comment,
        Detail = entry.Detail,
    };

    public PromotionHistoryEntry ToInfo() =>
        new(Time, Enum.Parse<PromotionStep>(Step), Enum.Parse<PromotionHistoryKind>(Kind), Actor, Comment, Detail);
}
