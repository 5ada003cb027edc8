using MassTransit;

namespace Mlops.EventContracts;

/// <summary>
/// A model version received the approvals its model's policy requires and may now be promoted. Published once per
/// version; <see cref="ArtifactDigest"/> (<c>sha256:&lt;hex&gt;</c>) is what was approved, so a deployer can check
/// that it ships those very bytes.
/// </summary>
[MessageUrn("mlops:model-version-approved:v1")]
[EntityName("mlops.model-version-approved.v1")]
public sealed record ModelVersionApproved(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string Source,
    string Subject,
    string Workspace,
    string ModelName,
    int VersionNumber,
    string ArtifactDigest,
    int RequiredApprovals,
    IReadOnlyList<ApprovalGiven> Approvals,
    string VersionCreatedBy) : IIntegrationEvent
{
    public const int ContractVersion = 1;

    public int Version => ContractVersion;
}
