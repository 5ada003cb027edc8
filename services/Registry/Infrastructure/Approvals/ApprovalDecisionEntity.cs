using Mlops.Registry.Application;
using Mlops.Registry.Application.Approvals;

namespace Mlops.Registry.Infrastructure.Approvals;

public sealed class ApprovalDecisionEntity
{
    public const string Approve = "APPROVE";
    public const string Reject = "REJECT";

    public long Sequence { get; init; }

    public required Guid ModelVersionId { get; init; }

    public required string Approver { get; init; }

    /// <summary><c>APPROVE</c> or <c>REJECT</c>.</summary>
    public required string Decision { get; init; }

    public required string Comment { get; init; }

    public required DateTimeOffset DecideTime { get; init; }

    public static ApprovalDecisionEntity From(Guid modelVersionId, ApprovalDecisionInfo decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new()
        {
            ModelVersionId = modelVersionId,
            Approver = decision.Approver,
            Decision = decision.Decision == ApprovalDecisionKind.Approve ? Approve : Reject,
            Comment = decision.Comment,
            DecideTime = decision.DecideTime,
        };
    }

    public ApprovalDecisionInfo ToInfo(ModelInfo model, int version)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new(
            Sequence,
            model.Workspace,
            model.Name,
            version,
            Approver,
            Decision == Approve ? ApprovalDecisionKind.Approve : ApprovalDecisionKind.Reject,
            Comment,
            DecideTime);
    }
}
