using MassTransit;

namespace Mlops.EventContracts;

/// <summary>
/// An endpoint was created in an environment. <see cref="Rollout"/> is "BLUE_GREEN" or "CANARY";
/// <see cref="CanarySteps"/> (percentages) is empty for blue/green; <see cref="P95LatencyLimitMs"/> 0 means no limit.
/// </summary>
[MessageUrn("mlops:endpoint-created:v1")]
[EntityName("mlops.endpoint-created.v1")]
public sealed record EndpointCreated(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string Source,
    string Subject,
    string Endpoint,
    string Environment,
    string Description,
    int P95LatencyLimitMs,
    string Rollout,
    IReadOnlyList<int> CanarySteps,
    int BakeSeconds,
    string CreatedBy) : IIntegrationEvent
{
    public const int ContractVersion = 1;

    public int Version => ContractVersion;

    public bool Equals(EndpointCreated? other) =>
        other is not null
        && (EventId, OccurredAt, Source, Subject, Endpoint, Environment, Description, P95LatencyLimitMs, Rollout, BakeSeconds, CreatedBy)
            == (other.EventId, other.OccurredAt, other.Source, other.Subject, other.Endpoint, other.Environment, other.Description, other.P95LatencyLimitMs,
                other.Rollout, other.BakeSeconds, other.CreatedBy)
        && ContractEquality.SameItems(CanarySteps, other.CanarySteps);

    public override int GetHashCode() => HashCode.Combine(EventId, Subject, Endpoint, ContractEquality.HashItems(CanarySteps));
}
