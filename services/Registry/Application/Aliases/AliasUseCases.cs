using System.Globalization;
using Mlops.EventContracts;
using Mlops.Registry.Application.Approvals;
using Mlops.Registry.Application.Audit;
using Mlops.Resources;

namespace Mlops.Registry.Application.Aliases;

/// <summary>
/// Setting, moving, deleting and resolving aliases. A protected alias (the model's approval policy names it) only
/// points at APPROVED versions, and only the policy's approvers change it.
/// </summary>
public sealed class AliasUseCases(
    IRegistryStore registry,
    IAliasStore store,
    IApprovalStore approvals,
    IAuditLog audit,
    ICallerContext caller,
    TimeProvider timeProvider)
{
    public async Task<ModelAliasInfo> SetAsync(string? workspace, string? modelName, string? alias, int version, CancellationToken cancellationToken)
    {
        var name = AliasRules.Name("alias", alias);
        var number = RegistryRules.Version(version);
        var model = await FindModelAsync(workspace, modelName, "model_name", cancellationToken).ConfigureAwait(false);
        var policy = ApprovalPolicyInfo.Default(model.Workspace, model.Name);
        var plan = await store.ChangeAsync(
            model,
            name,
            number,
            locked =>
            {
                policy = locked.Policy ?? policy;
                var target = locked.Target ?? throw ApprovalUseCases.NoSuchVersion(model, number);
                ModelVersionReadiness.Ensure(target.UploadState, model.Name, number);
                if (policy.Protects(name))
                {
                    CheckApprover(policy, model, name, "set or move");
                    if (target.Status != ApprovalStatus.Approved)
                    {
                        throw RegistryException.FailedPrecondition(string.Create(
                            CultureInfo.InvariantCulture,
                            $"Alias '{name}' of model '{model.Name}' is protected and version {number} is {ApprovalRules.Describe(target.Status)}: a protected alias may only point at an APPROVED version."));
                    }
                }

                if (locked.Current?.Version == number)
                {
                    return new AliasChangePlan(locked.Current, null, null);
                }

                if (locked.Current is null && locked.AliasCount >= AliasRules.MaxAliasesPerModel)
                {
                    throw RegistryException.FailedPrecondition(
                        $"Model '{model.Name}' already has {AliasRules.MaxAliasesPerModel} aliases, the most it may have: delete one before adding '{name}'.");
                }

                var previous = locked.Current?.Version ?? 0;
                var now = Timestamps.Now(timeProvider);
                var changed = Record("alias.set", model, name, previous, number, target.ArtifactSha256, now);
                return new AliasChangePlan(
                    new StoredAlias(name, number, target.ArtifactSha256, caller.UserName, now),
                    new AliasChangeInfo(0, name, previous, number, caller.UserName, now),
                    changed);
            },
            cancellationToken).ConfigureAwait(false);
        return ToInfo(model, plan.Result!, policy);
    }

    public async Task DeleteAsync(string? workspace, string? modelName, string? alias, CancellationToken cancellationToken)
    {
        var name = AliasRules.Name("alias", alias);
        var model = await FindModelAsync(workspace, modelName, "model_name", cancellationToken).ConfigureAwait(false);
        await store.ChangeAsync(
            model,
            name,
            newVersion: null,
            locked =>
            {
                var current = locked.Current ?? throw NoSuchAlias(model, name);
                var policy = locked.Policy ?? ApprovalPolicyInfo.Default(model.Workspace, model.Name);
                if (policy.Protects(name))
                {
                    CheckApprover(policy, model, name, "delete");
                }

                var now = Timestamps.Now(timeProvider);
                var changed = Record("alias.delete", model, name, current.Version, 0, "", now);
                return new AliasChangePlan(null, new AliasChangeInfo(0, name, current.Version, 0, caller.UserName, now), changed);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<ModelAliasInfo> GetAsync(string? workspace, string? modelName, string? alias, CancellationToken cancellationToken)
    {
        var name = AliasRules.NameOrLatest("alias", alias);
        var model = await FindModelAsync(workspace, modelName, "model_name", cancellationToken).ConfigureAwait(false);
        return await FindAliasAsync(model, name, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ResolvedModelUri> ResolveAsync(string? workspace, string? uri, CancellationToken cancellationToken)
    {
        var parsed = AliasRules.ParseUri("uri", uri);
        var model = await FindModelAsync(workspace, parsed.ModelName, "uri model name", cancellationToken).ConfigureAwait(false);
        var number = parsed.Version ?? (await FindAliasAsync(model, parsed.Alias!, cancellationToken).ConfigureAwait(false)).Version;
        var version = await registry.FindVersionAsync(model.Workspace, model.Name, number, cancellationToken).ConfigureAwait(false)
            ?? throw ApprovalUseCases.NoSuchVersion(model, number);
        return new ResolvedModelUri(version.EnsureReady(), parsed.Alias ?? "");
    }

    public async Task<IReadOnlyList<ModelAliasInfo>> ListAsync(string? workspace, string? modelName, CancellationToken cancellationToken)
    {
        var model = await FindModelAsync(workspace, modelName, "model_name", cancellationToken).ConfigureAwait(false);
        var policy = await PolicyAsync(model, cancellationToken).ConfigureAwait(false);
        var aliases = await store.ListAsync(model, cancellationToken).ConfigureAwait(false);
        return aliases.Select(stored => ToInfo(model, stored, policy)).ToList();
    }

    public async Task<AliasHistoryPage> HistoryAsync(
        string? workspace,
        string? modelName,
        string? alias,
        int pageSize,
        string? pageToken,
        CancellationToken cancellationToken)
    {
        var name = string.IsNullOrEmpty(alias) ? null : AliasRules.Name("alias", alias);
        var size = RegistryRules.PageSize(pageSize);
        var before = SequencePageTokens.Decode(pageToken);
        var model = await FindModelAsync(workspace, modelName, "model_name", cancellationToken).ConfigureAwait(false);
        var changes = await store.ListHistoryAsync(model, name, before, size + 1, cancellationToken).ConfigureAwait(false);
        return changes.Count > size
            ? new AliasHistoryPage(changes.Take(size).ToList(), SequencePageTokens.Encode(changes[size - 1].Sequence))
            : new AliasHistoryPage(changes, "");
    }

    private async Task<ModelAliasInfo> FindAliasAsync(ModelInfo model, string alias, CancellationToken cancellationToken)
    {
        if (alias == AliasRules.Latest)
        {
            var highest = await store.FindHighestVersionAsync(model, cancellationToken).ConfigureAwait(false)
                ?? throw RegistryException.NotFound($"Model '{model.Name}' in workspace '{model.Workspace}' has no version yet, so '{AliasRules.Latest}' names none.");
            var version = await registry.FindVersionAsync(model.Workspace, model.Name, highest, cancellationToken).ConfigureAwait(false)
                ?? throw ApprovalUseCases.NoSuchVersion(model, highest);
            return new ModelAliasInfo(model.Workspace, model.Name, AliasRules.Latest, highest, version.ArtifactSha256, false, "", null);
        }

        var stored = await store.FindAsync(model, alias, cancellationToken).ConfigureAwait(false) ?? throw NoSuchAlias(model, alias);
        return ToInfo(model, stored, await PolicyAsync(model, cancellationToken).ConfigureAwait(false));
    }

    private void CheckApprover(ApprovalPolicyInfo policy, ModelInfo model, string alias, string verb)
    {
        if (!policy.AllowsApprover(caller))
        {
            throw RegistryException.PermissionDenied(
                $"Alias '{alias}' of model '{model.Name}' is protected: only the model's approvers ({policy.DescribeApprovers()}) may {verb} it, and '{caller.UserName}' is not one.");
        }
    }

    /// <summary>The audit entry of a change, joining its unit of work, and the event announcing it.</summary>
    private ModelAliasChanged Record(string action, ModelInfo model, string alias, int previous, int next, string sha256, DateTimeOffset now)
    {
        var subject = EventSubjects.ModelAlias(model.Workspace, model.Name, alias);
        audit.Record(new AuditEntry(model.Workspace, caller.UserName, action, subject, now, new Dictionary<string, string>
        {
            ["alias"] = alias,
            ["previous_version"] = previous.ToString(CultureInfo.InvariantCulture),
            ["new_version"] = next.ToString(CultureInfo.InvariantCulture),
            ["artifact_sha256"] = sha256,
        }));
        return new ModelAliasChanged(
            Guid.NewGuid(), now, ResourceNames.Registry, subject, model.Workspace, model.Name, alias, previous, next, sha256.Length > 0 ? "sha256:" + sha256 : "", caller.UserName);
    }

    private async Task<ApprovalPolicyInfo> PolicyAsync(ModelInfo model, CancellationToken cancellationToken) =>
        await approvals.FindPolicyAsync(model, cancellationToken).ConfigureAwait(false) ?? ApprovalPolicyInfo.Default(model.Workspace, model.Name);

    private static ModelAliasInfo ToInfo(ModelInfo model, StoredAlias stored, ApprovalPolicyInfo policy) =>
        new(model.Workspace, model.Name, stored.Alias, stored.Version, stored.ArtifactSha256, policy.Protects(stored.Alias), stored.UpdatedBy, stored.UpdateTime);

    private static RegistryException NoSuchAlias(ModelInfo model, string alias) =>
        RegistryException.NotFound($"Model '{model.Name}' in workspace '{model.Workspace}' has no alias '{alias}'.");

    private async Task<ModelInfo> FindModelAsync(string? workspace, string? modelName, string nameField, CancellationToken cancellationToken)
    {
        var validWorkspace = RegistryRules.Workspace("workspace", workspace);
        var validName = RegistryRules.Name(nameField, modelName);
        return await registry.FindModelAsync(validWorkspace, validName, cancellationToken).ConfigureAwait(false)
            ?? throw RegistryException.NotFound($"Model '{validName}' does not exist in workspace '{validWorkspace}'.");
    }
}
