using Mlops.Registry.Application.Aliases;

namespace Mlops.Registry.Application.Approvals;

/// <summary>Reads a version's approval status and aliases, for every call that returns a version.</summary>
public sealed class ModelVersionStates(IApprovalStore approvals, IAliasStore aliases)
{
    public async Task<ModelVersionState> GetAsync(ModelVersionInfo version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        var status = await approvals.FindStatusAsync(version.Workspace, version.ModelName, version.Version, cancellationToken).ConfigureAwait(false);
        var names = await aliases.ListForVersionAsync(version.Workspace, version.ModelName, version.Version, cancellationToken).ConfigureAwait(false);

        // A version deleted between the two reads has no state left to show; it is reported as it was registered.
        return new ModelVersionState(status ?? ApprovalStatus.PendingManualApproval, names);
    }

    /// <summary>The state of a version just registered: nothing has decided on it or pointed at it yet.</summary>
    public static ModelVersionState Registered { get; } = new(ApprovalStatus.PendingManualApproval, []);
}
