using Mlops.Registry.Application;
using Mlops.Registry.Application.Approvals;

namespace Mlops.Registry.Infrastructure.Approvals;

/// <summary>A model's approval policy once set; a model without a row has the default policy.</summary>
public sealed class ApprovalPolicyEntity
{
    public required Guid ModelId { get; init; }

    public required int RequiredApprovals { get; set; }

    public required List<string> Approvers { get; set; }

    public required List<string> ProtectedAliases { get; set; }

    public required long Revision { get; set; }

    public required string UpdatedBy { get; set; }

    public required DateTimeOffset UpdateTime { get; set; }

    public static ApprovalPolicyEntity From(Guid modelId, ApprovalPolicyInfo policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var entity = new ApprovalPolicyEntity
        {
            ModelId = modelId,
            RequiredApprovals = policy.RequiredApprovals,
            Approvers = [],
            ProtectedAliases = [],
            Revision = policy.Revision,
            UpdatedBy = policy.UpdatedBy,
            UpdateTime = policy.UpdateTime ?? throw new ArgumentException("A stored policy has an update time.", nameof(policy)),
        };
        entity.Apply(policy);
        return entity;
    }

    public void Apply(ApprovalPolicyInfo policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        RequiredApprovals = policy.RequiredApprovals;
        Approvers = [.. policy.Approvers];
        ProtectedAliases = [.. policy.ProtectedAliases];
        Revision = policy.Revision;
        UpdatedBy = policy.UpdatedBy;
        UpdateTime = policy.UpdateTime ?? UpdateTime;
    }

    public ApprovalPolicyInfo ToInfo(ModelInfo model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new(model.Workspace, model.Name, RequiredApprovals, Approvers, ProtectedAliases, Revision, UpdatedBy, UpdateTime);
    }
}
