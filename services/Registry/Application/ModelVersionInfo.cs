using Mlops.Registry.Application.Approvals;
using Mlops.Registry.Application.Versions;

namespace Mlops.Registry.Application;

/// <summary>
/// A version; <see cref="ArtifactBlobName"/> is where its artifact is stored (a directory's: the folder of its files),
/// never shown to callers.
/// </summary>
public sealed record ModelVersionInfo(
    string Workspace,
    string ModelName,
    int Version,
    string Description,
    IReadOnlyDictionary<string, string> Tags,
    string ArtifactSha256,
    long ArtifactSizeBytes,
    string ArtifactFileName,
    string ArtifactBlobName,
    string CreatedBy,
    DateTimeOffset CreateTime)
{
    /// <summary>The version's row, which also names the blobs of its upload.</summary>
    public Guid Id { get; init; }

    public ModelVersionState State { get; init; } = ModelVersionState.Ready;

    /// <summary>Why the version is <see cref="ModelVersionState.Failed"/>; empty otherwise.</summary>
    public string StateMessage { get; init; } = "";

    /// <summary>0 for a single-file artifact; the number of files of a directory artifact.</summary>
    public int ArtifactFileCount { get; init; }

    public bool IsDirectory => ArtifactFileCount > 0;

    /// <summary>PENDING_MANUAL_APPROVAL from registration until ModelApprovals decides it.</summary>
    public ApprovalStatus Approval { get; init; } = ApprovalStatus.PendingManualApproval;

    /// <summary>The aliases pointing at the version, ordered by name.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>
    /// The version, if it may be used: downloaded, resolved by an alias, approved. Anything else is refused with
    /// FAILED_PRECONDITION, since the version exists but its artifact is incomplete (or never will be).
    /// </summary>
    public ModelVersionInfo EnsureReady()
    {
        ModelVersionReadiness.Ensure(State, ModelName, Version, StateMessage);
        return this;
    }

    /// <summary>What the version says about its artifact; see <see cref="ModelVersionMetadata"/>.</summary>
    public ModelVersionMetadata Metadata { get; init; } = ModelVersionMetadata.None;

    /// <summary>Raised by every update; the etag is made of it.</summary>
    public long Revision { get; init; } = 1;

    /// <summary>When the version was last updated; the create time until then.</summary>
    public DateTimeOffset UpdateTime { get; init; }
}
