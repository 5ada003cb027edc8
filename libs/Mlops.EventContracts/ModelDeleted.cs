using MassTransit;

namespace Mlops.EventContracts;

/// <summary>A model was deleted with all its versions (<see cref="VersionNumbers"/>); their artifacts are gone or going.</summary>
[MessageUrn("mlops:model-deleted:v1")]
[EntityName("mlops.model-deleted.v1")]
public sealed record ModelDeleted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string Source,
    string Subject,
    string Workspace,
    string ModelName,
    IReadOnlyList<int> VersionNumbers,
    string DeletedBy) : IIntegrationEvent
{
    public const int ContractVersion = 1;

    public int Version => ContractVersion;
}
