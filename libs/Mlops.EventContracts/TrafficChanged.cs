using MassTransit;

namespace Mlops.EventContracts;

/// <summary>
/// An endpoint's traffic split was replaced. It carries the whole new split, not the difference: weights (deployment
/// to percent, summing to 100, or empty for no traffic), mirrors (at most 50 in all) and the sticky header (empty for
/// none). <see cref="Revision"/> grows by one with each change, so a consumer can drop one that arrives late.
/// </summary>
[MessageUrn("mlops:traffic-changed:v1")]
[EntityName("mlops.traffic-changed.v1")]
public sealed record TrafficChanged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string Source,
    string Subject,
    string Endpoint,
    string Environment,
    IReadOnlyDictionary<string, int> Weights,
    IReadOnlyDictionary<string, int> Mirrors,
    string StickyHeader,
    long Revision,
    string ChangedBy) : IIntegrationEvent
{
    public const int ContractVersion = 1;

    public int Version => ContractVersion;

    public bool Equals(TrafficChanged? other) =>
        other is not null
        && (EventId, OccurredAt, Source, Subject, Endpoint, Environment, StickyHeader, Revision, ChangedBy)
            == (other.EventId, other.OccurredAt, other.Source, other.Subject, other.Endpoint, other.Environment, other.StickyHeader, other.Revision, other.ChangedBy)
        && ContractEquality.SameEntries(Weights, other.Weights)
        && ContractEquality.SameEntries(Mirrors, other.Mirrors);

    public override int GetHashCode() => HashCode.Combine(EventId, Subject, Revision, ContractEquality.HashEntries(Weights), ContractEquality.HashEntries(Mirrors));
}
