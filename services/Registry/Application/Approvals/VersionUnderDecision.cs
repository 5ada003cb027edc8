namespace Mlops.Registry.Application.Approvals;

/// <summary>
/// A version as the store holds it locked for a decision: its state, its model's policy (null while never set) and
/// the decisions made so far. Nobody else can decide on it until the decision commits.
/// </summary>
public sealed record VersionUnderDecision(
    string Workspace,
    string ModelName,
    int Version,
    string CreatedBy,
    string ArtifactSha256,
    ApprovalStatus Status,
    ModelVersionState UploadState,
    ApprovalPolicyInfo? Policy,
    IReadOnlyList<ApprovalDecisionInfo> Decisions);
