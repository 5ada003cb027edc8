using MassTransit;

namespace Mlops.EventContracts;

/// <summary>
/// Something is wrong with one deployment: the monitoring service's drift, performance or infrastructure signal
/// (<see cref="Kind"/>: DRIFT, PERFORMANCE, INFRASTRUCTURE) about the deployment <see cref="Deployment"/> of
/// <see cref="Endpoint"/>. While that deployment is being rolled out, the deployment service rolls traffic back.
/// </summary>
[MessageUrn("mlops:deployment-alert-raised:v1")]
[EntityName("mlops.deployment-alert-raised.v1")]
public sealed record DeploymentAlertRaised(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string Source,
    string Subject,
    string Endpoint,
    string Deployment,
    string Kind,
    string Severity,
    string Message) : IIntegrationEvent
{
    public const int ContractVersion = 1;

    public int Version => ContractVersion;
}
