using MassTransit;

namespace Mlops.EventContracts;

/// <summary>
/// A sampled inference request and what it answered, for monitoring. Published straight from memory, not through the
/// outbox (docs/decisions/0007-inference-records-bypass-the-outbox.md): records are observations and a few may be lost.
/// <see cref="RequestId"/> is the caller's request id, or the one the gateway generated and echoed. A mirrored record
/// (<see cref="Mirrored"/>) is the answer of a mirror deployment, which the caller never saw. <see cref="Error"/> is
/// empty on success; then <see cref="Outputs"/> is empty.
/// </summary>
[MessageUrn("mlops:inference-recorded:v1")]
[EntityName("mlops.inference-recorded.v1")]
public sealed record InferenceRecorded(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string Source,
    string Subject,
    string RequestId,
    string Endpoint,
    string Deployment,
    string ModelName,
    int ModelVersion,
    IReadOnlyList<RecordedTensor> Inputs,
    IReadOnlyList<RecordedTensor> Outputs,
    double LatencyMs,
    bool Mirrored,
    string Error) : IIntegrationEvent
{
    public const int ContractVersion = 1;

    public int Version => ContractVersion;

    public bool Equals(InferenceRecorded? other) =>
        other is not null
        && (EventId, OccurredAt, Source, Subject, RequestId, Endpoint, Deployment, ModelName, ModelVersion, LatencyMs, Mirrored, Error)
            == (other.EventId, other.OccurredAt, other.Source, other.Subject, other.RequestId, other.Endpoint, other.Deployment, other.ModelName,
                other.ModelVersion, other.LatencyMs, other.Mirrored, other.Error)
        && ContractEquality.SameItems(Inputs, other.Inputs)
        && ContractEquality.SameItems(Outputs, other.Outputs);

    public override int GetHashCode() => HashCode.Combine(EventId, Subject, RequestId, Mirrored);
}
