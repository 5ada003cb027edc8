using System.Globalization;

namespace Mlops.Registry.Application.Approvals;

/// <summary>
/// How a model's versions get approved: <see cref="RequiredApprovals"/> approvals from callers that
/// <see cref="Approvers"/> names (<c>user:&lt;name&gt;</c>, <c>group:&lt;name&gt;</c>; empty: any identified caller),
/// never from the version's creator; and which aliases only approvers may move, and only to approved versions.
/// <see cref="Revision"/> is 0 while the policy was never set.
/// </summary>
public sealed record ApprovalPolicyInfo(
    string Workspace,
    string ModelName,
    int RequiredApprovals,
    IReadOnlyList<string> Approvers,
    IReadOnlyList<string> ProtectedAliases,
    long Revision,
    string UpdatedBy,
    DateTimeOffset? UpdateTime)
{
    public string Etag => Revision.ToString(CultureInfo.InvariantCulture);

    public static ApprovalPolicyInfo Default(string workspace, string modelName) =>
        new(workspace, modelName, ApprovalRules.DefaultRequiredApprovals, [], ApprovalRules.DefaultProtectedAliases, 0, "", null);

    /// <summary>
    /// Whether the caller acts as an approver of the model: may decide on versions (unless they created them), change
    /// this policy and move protected aliases. An unidentified caller never does: a decision needs someone accountable.
    /// </summary>
    public bool AllowsApprover(ICallerContext caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return Principals.IsIdentified(caller) && (Approvers.Count == 0 || Approvers.Any(principal => Principals.Matches(principal, caller)));
    }

    public bool Protects(string alias) => ProtectedAliases.Contains(alias, StringComparer.Ordinal);

    /// <summary>For messages: who the policy lets act as an approver.</summary>
    public string DescribeApprovers() => Approvers.Count == 0 ? "any identified caller" : string.Join(", ", Approvers);

    public bool SameRulesAs(ApprovalPolicyInfo other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return RequiredApprovals == other.RequiredApprovals
            && Approvers.SequenceEqual(other.Approvers, StringComparer.Ordinal)
            && ProtectedAliases.SequenceEqual(other.ProtectedAliases, StringComparer.Ordinal);
    }
}
