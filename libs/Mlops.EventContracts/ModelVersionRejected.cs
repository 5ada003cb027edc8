using MassTransit;

namespace Mlops.EventContracts;

/// <summary>A model version was rejected by an approver; the rejection is final.</summary>
[MessageUrn("mlops:model-version-rejected:v1")]
[EntityName("mlops.model-version-rejected.v1")]
public sealed record ModelVersionRejected(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string Source,
    string Subject,
    string Workspace,
    string ModelName,
    int VersionNumber,
    string ArtifactDigest,
    string RejectedBy,
    string Comment,
    string VersionCreatedBy) : IIntegrationEvent
{
    public const int ContractVersion = 1;

    public int Version => ContractVersion;
}
