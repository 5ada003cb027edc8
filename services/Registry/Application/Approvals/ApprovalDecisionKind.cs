namespace Mlops.Registry.Application.Approvals;

public enum ApprovalDecisionKind
{
    Approve,
    Reject,
}
