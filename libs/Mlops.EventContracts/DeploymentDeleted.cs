using MassTransit;

namespace Mlops.EventContracts;

/// <summary>A deployment, which took no traffic, was deleted from its endpoint.</summary>
[MessageUrn("mlops:deployment-deleted:v1")]
[EntityName("mlops.deployment-deleted.v1")]
public sealed record DeploymentDeleted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string Source,
    string Subject,
    string Endpoint,
    string Environment,
    string Deployment,
    string Workspace,
    string ModelName,
    int ModelVersion,
    string DeletedBy) : IIntegrationEvent
{
    public const int ContractVersion = 1;

    public int Version => ContractVersion;
}
