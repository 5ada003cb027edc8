using Mlops.Registry.Application.Approvals;

namespace Mlops.Registry.Infrastructure.Approvals;

/// <summary>Approval statuses as stored: their contract names, readable in SQL.</summary>
internal static class ApprovalStatusColumn
{
    public const string Pending = "PENDING_MANUAL_APPROVAL";
    public const string Approved = "APPROVED";
    public const string Rejected = "REJECTED";

    public static string From(ApprovalStatus status) => status switch
    {
        ApprovalStatus.PendingManualApproval => Pending,
        ApprovalStatus.Approved => Approved,
        ApprovalStatus.Rejected => Rejected,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static ApprovalStatus ToStatus(string value) => value switch
    {
        Pending => ApprovalStatus.PendingManualApproval,
        Approved => ApprovalStatus.Approved,
        Rejected => ApprovalStatus.Rejected,
        _ => throw new InvalidOperationException($"Unknown approval status '{value}' in the database."),
    };
}
