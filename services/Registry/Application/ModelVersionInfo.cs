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

    /// <summary>
    /// The version, if it may be used: downloaded, resolved by an alias, approved. Anything else is refused with
    /// FAILED_PRECONDITION, since the version exists but its artifact is incomplete (or never will be).
    /// </summary>
    public ModelVersionInfo EnsureReady() => State switch
    {
        ModelVersionState.Ready => this,
        ModelVersionState.PendingUpload => throw RegistryException.FailedPrecondition(
            $"Version {Version} of model '{ModelName}' is PENDING_UPLOAD: its artifact is still being uploaded."),
        _ => throw RegistryException.FailedPrecondition(
            $"Version {Version} of model '{ModelName}' is FAILED: its upload did not complete ({StateMessage}). Upload the artifact again as a new version."),
    };
}
