using System.Text.Json;
using Mlops.Deployment.Application;

namespace Mlops.Deployment.Infrastructure;

/// <summary>A promotion's row: where it is, the route it started with (jsonb), and who holds it (the lease) while a step runs.</summary>
public sealed class PromotionEntity
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public required Guid Id { get; init; }

    public required string Workspace { get; init; }

    public required string ModelName { get; init; }

    public required int Version { get; init; }

    public required string RequestedBy { get; init; }

    public required string Trigger { get; init; }

    /// <summary>The event that started it, so that a redelivered one starts nothing more; null when a request started it.</summary>
    public Guid? SourceEventId { get; init; }

    public required string State { get; set; }

    public required string Step { get; set; }

    public required int RolloutStep { get; set; }

    public required string Route { get; init; }

    public required string StagingDeployment { get; set; }

    public required string ProductionDeployment { get; set; }

    public required string PreviousWeights { get; set; }

    public long? ProductionRevision { get; set; }

    public DateTimeOffset? DueTime { get; set; }

    public required string Reason { get; set; }

    public required DateTimeOffset CreateTime { get; init; }

    public required DateTimeOffset UpdateTime { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    public static PromotionEntity From(PromotionInfo promotion, Guid? sourceEventId)
    {
        var entity = new PromotionEntity
        {
            Id = promotion.Id,
            Workspace = promotion.Workspace,
            ModelName = promotion.ModelName,
            Version = promotion.Version,
            RequestedBy = promotion.RequestedBy,
            Trigger = promotion.Trigger,
            SourceEventId = sourceEventId,
            State = "",
            Step = "",
            RolloutStep = 0,
            Route = JsonSerializer.Serialize(promotion.Route, Json),
            StagingDeployment = "",
            ProductionDeployment = "",
            PreviousWeights = TrafficJson.Empty,
            Reason = "",
            CreateTime = promotion.CreateTime,
            UpdateTime = promotion.UpdateTime,
        };
        entity.Apply(promotion);
        return entity;
    }

    /// <summary>Takes the changeable fields of <paramref name="promotion"/>.</summary>
    public void Apply(PromotionInfo promotion)
    {
        State = promotion.State.ToString();
        Step = promotion.Step.ToString();
        RolloutStep = promotion.RolloutStep;
        StagingDeployment = promotion.StagingDeployment;
        ProductionDeployment = promotion.ProductionDeployment;
        PreviousWeights = TrafficJson.Write(promotion.PreviousWeights);
        ProductionRevision = promotion.ProductionRevision;
        DueTime = promotion.DueTime;
        Reason = promotion.Reason;
        UpdateTime = promotion.UpdateTime;
    }

    public PromotionInfo ToInfo(IReadOnlyList<PromotionHistoryEntry> history) => new(
        Id,
        Workspace,
        ModelName,
        Version,
        RequestedBy,
        Trigger,
        Enum.Parse<PromotionState>(State),
        Enum.Parse<PromotionStep>(Step),
        RolloutStep,
        JsonSerializer.Deserialize<PromotionRoute>(Route, Json) ?? throw new InvalidOperationException($"Promotion {Id} has no route."),
        StagingDeployment,
        ProductionDeployment,
        TrafficJson.Read(PreviousWeights),
        ProductionRevision,
        DueTime,
        Reason,
        CreateTime,
        UpdateTime,
        history);
}
