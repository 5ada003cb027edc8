using MassTransit;

namespace Mlops.EventContracts;

/// <summary>An endpoint, which had no deployments left, was deleted.</summary>
[MessageUrn("mlops:endpoint-deleted:v1")]
[EntityName("mlops.endpoint-deleted.v1")]
public sealed record EndpointDeleted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string Source,
    string Subject,
    string Endpoint,
    string Environment,
    string DeletedBy) : IIntegrationEvent
{
    public const int ContractVersion = 1;

    public int Version => ContractVersion;
}
