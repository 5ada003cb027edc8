using System.Globalization;
using Mlops.EventContracts;
using Mlops.Registry.Application.Audit;
using Mlops.Resources;

namespace Mlops.Registry.Application.Approvals;

/// <summary>
/// Approval policies and decisions with separation of duties: the creator of a version never decides on it, only the
/// callers the policy names do, and a version's outcome is decided once.
/// </summary>
public sealed class ApprovalUseCases(IRegistryStore registry, IApprovalStore store, IAuditLog audit, ICallerContext caller, TimeProvider timeProvider)
{
    public async Task<ApprovalPolicyInfo> GetPolicyAsync(string? workspace, string? modelName, CancellationToken cancellationToken)
    {
        var model = await FindModelAsync(workspace, modelName, "", cancellationToken).ConfigureAwait(false);
        return await store.FindPolicyAsync(model, cancellationToken).ConfigureAwait(false) ?? ApprovalPolicyInfo.Default(model.Workspace, model.Name);
    }

    /// <summary>
    /// Replaces the fields the change names. Who may: while the policy names approvers, one of them; while it names
    /// none, any identified caller (the first policy is set by whoever the platform lets reach the model).
    /// </summary>
    public async Task<ApprovalPolicyInfo> SetPolicyAsync(ApprovalPolicyChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var model = await FindModelAsync(change.Workspace, change.ModelName, "policy.", cancellationToken).ConfigureAwait(false);
        var requiredApprovals = change.RequiredApprovals is { } required ? ApprovalRules.RequiredApprovals("policy.required_approvals", required) : (int?)null;
        var approvers = change.Approvers is { } names ? ApprovalRules.Approvers("policy.approvers", names) : null;
        var protectedAliases = change.ProtectedAliases is { } aliases ? ApprovalRules.ProtectedAliases("policy.protected_aliases", aliases) : null;

        return await store.ChangePolicyAsync(
            model,
            stored =>
            {
                var current = stored ?? ApprovalPolicyInfo.Default(model.Workspace, model.Name);
                if (!current.AllowsApprover(caller))
                {
                    throw RegistryException.PermissionDenied(
                        $"'{caller.UserName}' may not change the approval policy of model '{model.Name}': only its approvers ({current.DescribeApprovers()}) may.");
                }

                if (!string.IsNullOrEmpty(change.Etag) && change.Etag != current.Etag)
                {
                    throw RegistryException.Aborted(
                        $"policy.etag '{change.Etag}' is stale: the approval policy of model '{model.Name}' is at etag '{current.Etag}'. Read it again and retry.");
                }

                var now = Timestamps.Now(timeProvider);
                var next = current with
                {
                    RequiredApprovals = requiredApprovals ?? current.RequiredApprovals,
                    Approvers = approvers ?? current.Approvers,
                    ProtectedAliases = protectedAliases ?? current.ProtectedAliases,
                    Revision = current.Revision + 1,
                    UpdatedBy = caller.UserName,
                    UpdateTime = now,
                };
                if (next.SameRulesAs(current))
                {
                    return new PolicyChangePlan(current, null);
                }

                var subject = EventSubjects.ApprovalPolicy(model.Workspace, model.Name);
                audit.Record(new AuditEntry(model.Workspace, caller.UserName, "approval_policy.set", subject, now, new Dictionary<string, string>
                {
                    ["required_approvals"] = next.RequiredApprovals.ToString(CultureInfo.InvariantCulture),
                    ["approvers"] = string.Join(",", next.Approvers),
                    ["protected_aliases"] = string.Join(",", next.ProtectedAliases),
                    ["previous_required_approvals"] = current.RequiredApprovals.ToString(CultureInfo.InvariantCulture),
                    ["previous_approvers"] = string.Join(",", current.Approvers),
                    ["previous_protected_aliases"] = string.Join(",", current.ProtectedAliases),
                }));
                return new PolicyChangePlan(
                    next,
                    new ApprovalPolicyChanged(
                        Guid.NewGuid(), now, ResourceNames.Registry, subject, model.Workspace, model.Name, next.RequiredApprovals, next.Approvers, next.ProtectedAliases, caller.UserName));
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task<ApprovalOutcome> ApproveAsync(string? workspace, string? modelName, int version, string? comment, CancellationToken cancellationToken) =>
        DecideAsync(workspace, modelName, version, comment, ApprovalDecisionKind.Approve, cancellationToken);

    public Task<ApprovalOutcome> RejectAsync(string? workspace, string? modelName, int version, string? comment, CancellationToken cancellationToken) =>
        DecideAsync(workspace, modelName, version, comment, ApprovalDecisionKind.Reject, cancellationToken);

    public async Task<ApprovalDecisionPage> ListDecisionsAsync(
        string? workspace,
        string? modelName,
        int version,
        int pageSize,
        string? pageToken,
        CancellationToken cancellationToken)
    {
        var number = RegistryRules.Version(version);
        var size = RegistryRules.PageSize(pageSize);
        var after = SequencePageTokens.Decode(pageToken);
        var model = await FindModelAsync(workspace, modelName, "", cancellationToken).ConfigureAwait(false);
        _ = await registry.FindVersionAsync(model.Workspace, model.Name, number, cancellationToken).ConfigureAwait(false)
            ?? throw NoSuchVersion(model, number);
        var decisions = await store.ListDecisionsAsync(model, number, after, size + 1, cancellationToken).ConfigureAwait(false);
        return decisions.Count > size
            ? new ApprovalDecisionPage(decisions.Take(size).ToList(), SequencePageTokens.Encode(decisions[size - 1].Sequence))
            : new ApprovalDecisionPage(decisions, "");
    }

    internal static RegistryException NoSuchVersion(ModelInfo model, int version) =>
        RegistryException.NotFound(string.Create(CultureInfo.InvariantCulture, $"Model '{model.Name}' in workspace '{model.Workspace}' has no version {version}."));

    private async Task<ApprovalOutcome> DecideAsync(
        string? workspace,
        string? modelName,
        int version,
        string? comment,
        ApprovalDecisionKind kind,
        CancellationToken cancellationToken)
    {
        var number = RegistryRules.Version(version);
        var why = ApprovalRules.Comment("comment", comment);
        var model = await FindModelAsync(workspace, modelName, "", cancellationToken).ConfigureAwait(false);
        var plan = await store.DecideAsync(model, number, locked => Decide(locked, kind, why), cancellationToken).ConfigureAwait(false);
        return plan.Outcome;
    }

    /// <summary>The rules of a decision, applied while the version is locked so that their outcome cannot go stale.</summary>
    private DecisionPlan Decide(VersionUnderDecision version, ApprovalDecisionKind kind, string comment)
    {
        var policy = version.Policy ?? ApprovalPolicyInfo.Default(version.Workspace, version.ModelName);
        var verb = kind == ApprovalDecisionKind.Approve ? "approve" : "reject";
        var what = string.Create(CultureInfo.InvariantCulture, $"version {version.Version} of model '{version.ModelName}'");
        if (!Principals.IsIdentified(caller))
        {
            throw RegistryException.PermissionDenied($"An unidentified caller may not {verb} {what}: a decision needs an accountable approver.");
        }

        if (string.Equals(caller.UserName, version.CreatedBy, StringComparison.Ordinal))
        {
            throw RegistryException.PermissionDenied(
                $"'{caller.UserName}' registered {what} and so may not {verb} it: separation of duties requires a different approver.");
        }

        if (!policy.AllowsApprover(caller))
        {
            throw RegistryException.PermissionDenied(
                $"'{caller.UserName}' may not {verb} {what}: the model's approval policy allows only {policy.DescribeApprovers()}.");
        }

        if (version.Decisions.FirstOrDefault(d => string.Equals(d.Approver, caller.UserName, StringComparison.Ordinal)) is { } earlier)
        {
            throw RegistryException.AlreadyExists(string.Create(
                CultureInfo.InvariantCulture,
                $"'{caller.UserName}' already decided on {what} ({(earlier.Decision == ApprovalDecisionKind.Approve ? "approved" : "rejected")} at {earlier.DecideTime:O}); each approver decides once."));
        }

        ModelVersionReadiness.Ensure(version.UploadState, version.ModelName, version.Version);
        if (version.Status != ApprovalStatus.PendingManualApproval)
        {
            throw RegistryException.FailedPrecondition(string.Create(
                CultureInfo.InvariantCulture,
                $"Version {version.Version} of model '{version.ModelName}' is already {ApprovalRules.Describe(version.Status)}: its approval is decided for good."));
        }

        var now = Timestamps.Now(timeProvider);
        var decision = new ApprovalDecisionInfo(0, version.Workspace, version.ModelName, version.Version, caller.UserName, kind, comment, now);
        var approvals = version.Decisions.Append(decision).Where(d => d.Decision == ApprovalDecisionKind.Approve).ToList();
        var status = kind == ApprovalDecisionKind.Reject
            ? ApprovalStatus.Rejected
            : approvals.Count >= policy.RequiredApprovals ? ApprovalStatus.Approved : ApprovalStatus.PendingManualApproval;
        var subject = EventSubjects.ModelVersion(version.Workspace, version.ModelName, version.Version);
        var digest = "sha256:" + version.ArtifactSha256;
        audit.Record(new AuditEntry(version.Workspace, caller.UserName, "model_version." + verb, subject, now, new Dictionary<string, string>
        {
            ["comment"] = comment,
            ["approval_status"] = ApprovalRules.Describe(status),
            ["approvals"] = string.Create(CultureInfo.InvariantCulture, $"{approvals.Count}/{policy.RequiredApprovals}"),
            ["artifact_sha256"] = version.ArtifactSha256,
        }));
        IIntegrationEvent? statusChanged = status switch
        {
            ApprovalStatus.Approved => new ModelVersionApproved(
                Guid.NewGuid(),
                now,
                ResourceNames.Registry,
                subject,
                version.Workspace,
                version.ModelName,
                version.Version,
                digest,
                policy.RequiredApprovals,
                approvals.ConvertAll(a => new ApprovalGiven(a.Approver, a.Comment, a.DecideTime)),
                version.CreatedBy),
            ApprovalStatus.Rejected => new ModelVersionRejected(
                Guid.NewGuid(), now, ResourceNames.Registry, subject, version.Workspace, version.ModelName, version.Version, digest, caller.UserName, comment, version.CreatedBy),
            _ => null,
        };
        return new DecisionPlan(new ApprovalOutcome(decision, status, approvals.Count, policy.RequiredApprovals), statusChanged);
    }

    private async Task<ModelInfo> FindModelAsync(string? workspace, string? modelName, string fieldPrefix, CancellationToken cancellationToken)
    {
        var validWorkspace = RegistryRules.Workspace(fieldPrefix + "workspace", workspace);
        var validName = RegistryRules.Name(fieldPrefix + "model_name", modelName);
        return await registry.FindModelAsync(validWorkspace, validName, cancellationToken).ConfigureAwait(false)
            ?? throw RegistryException.NotFound($"Model '{validName}' does not exist in workspace '{validWorkspace}'.");
    }
}
