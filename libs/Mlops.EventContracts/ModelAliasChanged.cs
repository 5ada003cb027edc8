using MassTransit;

namespace Mlops.EventContracts;

/// <summary>
/// An alias of a model was set, moved or deleted. <see cref="PreviousVersion"/> is 0 when it was created,
/// <see cref="NewVersion"/> 0 (and <see cref="ArtifactDigest"/> empty) when it was deleted.
/// </summary>
[MessageUrn("mlops:model-alias-changed:v1")]
[EntityName("mlops.model-alias-changed.v1")]
public sealed record ModelAliasChanged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string Source,
    string Subject,
    string Workspace,
    string ModelName,
    string Alias,
    int PreviousVersion,
    int NewVersion,
    string ArtifactDigest,
    string ChangedBy) : IIntegrationEvent
{
    public const int ContractVersion = 1;

    public int Version => ContractVersion;
}
