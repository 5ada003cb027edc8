using System.Globalization;
using Mlops.EventContracts;
using Mlops.Registry.Application.Approvals;
using Mlops.Registry.Application.Audit;
using Mlops.Resources;

namespace Mlops.Registry.Application;

/// <summary>
/// Deleting a model with its versions. Refused while the model still matters to a release: an alias points at one of
/// its versions, or a version is approved (approved versions stay as the record of what was cleared).
/// </summary>
public sealed class ModelDeletionUseCases(IRegistryStore store, IArtifactStore artifacts, IAuditLog audit, ICallerContext caller, TimeProvider timeProvider)
{
    public async Task DeleteAsync(string? workspace, string? name, CancellationToken cancellationToken)
    {
        var validWorkspace = RegistryRules.Workspace("workspace", workspace);
        var validName = RegistryRules.Name("name", name);
        var model = await store.FindModelAsync(validWorkspace, validName, cancellationToken).ConfigureAwait(false)
            ?? throw RegistryException.NotFound($"Model '{validName}' does not exist in workspace '{validWorkspace}'.");
        await store.DeleteModelAsync(model, Deleted, cancellationToken).ConfigureAwait(false);

        // The rows are gone for good; artifacts go after the commit, so a failed commit never loses one a version needs.
        // A blob that cannot be deleted now is logged by the artifact store and left behind, unreferenced.
        await artifacts.DeleteModelArtifactsAsync(model.Id, CancellationToken.None).ConfigureAwait(false);
    }

    private ModelDeleted Deleted(ModelDeletionSnapshot snapshot)
    {
        var model = snapshot.Model;
        if (snapshot.Aliases.Count > 0)
        {
            var pointers = string.Join(", ", snapshot.Aliases.Select(alias => string.Create(CultureInfo.InvariantCulture, $"'{alias.Alias}' -> version {alias.Version}")));
            throw RegistryException.FailedPrecondition(
                $"Model '{model.Name}' cannot be deleted while aliases point at its versions ({pointers}): delete those aliases first.");
        }

        var approved = snapshot.Versions.Where(version => version.Status == ApprovalStatus.Approved).Select(version => version.Version).ToList();
        if (approved.Count > 0)
        {
            var which = approved.Count == 1 ? $"version {approved[0]} is" : $"versions {string.Join(", ", approved)} are";
            throw RegistryException.FailedPrecondition(
                $"Model '{model.Name}' cannot be deleted: {which} APPROVED, and approved versions are kept as the record of what was cleared for release.");
        }

        var now = Timestamps.Now(timeProvider);
        var subject = EventSubjects.Model(model.Workspace, model.Name);
        var numbers = snapshot.Versions.Select(version => version.Version).Order().ToList();
        audit.Record(new AuditEntry(model.Workspace, caller.UserName, "model.delete", subject, now, new Dictionary<string, string>
        {
            ["versions"] = string.Join(",", numbers),
        }));
        return new ModelDeleted(Guid.NewGuid(), now, ResourceNames.Registry, subject, model.Workspace, model.Name, numbers, caller.UserName);
    }
}
