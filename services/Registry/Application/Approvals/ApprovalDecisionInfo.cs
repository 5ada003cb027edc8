namespace Mlops.Registry.Application.Approvals;

/// <summary>One approver's decision on one version; <see cref="Sequence"/> orders decisions and pages through them.</summary>
public sealed record ApprovalDecisionInfo(
    long Sequence,
    string Workspace,
    string ModelName,
    int Version,
    string Approver,
    ApprovalDecisionKind Decision,
    string Comment,
    DateTimeOffset DecideTime);
