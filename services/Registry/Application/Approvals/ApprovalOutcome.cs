namespace Mlops.Registry.Application.Approvals;

/// <summary>A decision just recorded and where it left the version.</summary>
public sealed record ApprovalOutcome(ApprovalDecisionInfo Decision, ApprovalStatus Status, int ApprovalCount, int RequiredApprovals);
