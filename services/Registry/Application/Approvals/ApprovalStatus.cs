namespace Mlops.Registry.Application.Approvals;

/// <summary>Where a version stands in its approval: pending from registration, then approved or rejected for good.</summary>
public enum ApprovalStatus
{
    PendingManualApproval,
    Approved,
    Rejected,
}
