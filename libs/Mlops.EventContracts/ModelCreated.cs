using MassTransit;

namespace Mlops.EventContracts;

/// <summary>A model (the named container of versions) was created in a workspace.</summary>
[MessageUrn("mlops:model-created:v1")]
[EntityName("mlops.model-created.v1")]
public sealed record ModelCreated(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string Source,
    string Subject,
    string Workspace,
    string ModelName,
    string CreatedBy) : IIntegrationEvent
{
    public const int ContractVersion = 1;

    public int Version => ContractVersion;
}
