using MassTransit;

namespace Mlops.EventContracts;

/// <summary>
/// A model's approval policy changed: how many approvals a version needs, who may give them (<c>user:&lt;name&gt;</c>
/// or <c>group:&lt;name&gt;</c>; empty means anyone but the version's creator) and which aliases are protected.
/// </summary>
[MessageUrn("mlops:approval-policy-changed:v1")]
[EntityName("mlops.approval-policy-changed.v1")]
public sealed record ApprovalPolicyChanged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string Source,
    string Subject,
    string Workspace,
    string ModelName,
    int RequiredApprovals,
    IReadOnlyList<string> Approvers,
    IReadOnlyList<string> ProtectedAliases,
    string ChangedBy) : IIntegrationEvent
{
    public const int ContractVersion = 1;

    public int Version => ContractVersion;
}
