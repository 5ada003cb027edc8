namespace Mlops.Registry.Application.Approvals;

/// <summary>
/// The fields of a policy to replace; a null field stays as it is. <see cref="Etag"/>, when given, must be the
/// current policy's.
/// </summary>
public sealed record ApprovalPolicyChange(
    string? Workspace,
    string? ModelName,
    int? RequiredApprovals,
    IReadOnlyList<string>? Approvers,
    IReadOnlyList<string>? ProtectedAliases,
    string? Etag);
