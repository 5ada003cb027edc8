using MassTransit;

namespace Mlops.EventContracts;

/// <summary>
/// A deployment was created on an endpoint: the model as referenced (<see cref="ModelAlias"/> empty when it named a
/// number), the version that reference resolved to and its artifact digest, and the runtime
/// ("BUILTIN", or "EXTERNAL" with <see cref="ExternalUrl"/>). It takes no traffic until a TrafficChanged gives it some.
/// </summary>
[MessageUrn("mlops:deployment-created:v1")]
[EntityName("mlops.deployment-created.v1")]
public sealed record DeploymentCreated(
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
    string ModelAlias,
    string ArtifactDigest,
    string Runtime,
    string ExternalUrl,
    int Replicas,
    string CreatedBy) : IIntegrationEvent
{
    public const int ContractVersion = 1;

    public int Version => ContractVersion;
}
