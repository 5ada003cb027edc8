namespace Mlops.Registry.Application.Approvals;

/// <summary>One page of a version's decisions, oldest first; <see cref="NextPageToken"/> is empty on the last page.</summary>
public sealed record ApprovalDecisionPage(IReadOnlyList<ApprovalDecisionInfo> Decisions, string NextPageToken);
