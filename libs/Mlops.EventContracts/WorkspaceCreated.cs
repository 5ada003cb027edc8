using MassTransit;

namespace Mlops.EventContracts;

/// <summary>A workspace, the registry's tenancy boundary, was created.</summary>
[MessageUrn("mlops:workspace-created:v1")]
[EntityName("mlops.workspace-created.v1")]
public sealed record WorkspaceCreated(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string Source,
    string Subject,
    string Workspace,
    string Description,
    string CreatedBy) : IIntegrationEvent
{
    public const int ContractVersion = 1;

    public int Version => ContractVersion;
}
