using Mlops.EventContracts;

namespace Mlops.Registry.Application.Uploads;

/// <summary>The version rows of uploads: reserved when the header arrives, completed or discarded when the artifact has.</summary>
public interface IVersionUploadStore
{
    /// <summary>
    /// Gives <paramref name="pending"/> the model's next number and stores it as PENDING_UPLOAD with a fresh lease;
    /// concurrent calls get distinct, consecutive numbers.
    /// </summary>
    /// <exception cref="RegistryException">NOT_FOUND: the model is gone.</exception>
    Task<ModelVersionInfo> ReserveAsync(Guid modelId, ModelVersionInfo pending, CancellationToken cancellationToken);

    /// <summary>
    /// PENDING_UPLOAD to READY with the artifact as stored, its files, and the event <paramref name="registered"/>
    /// makes of it, in one transaction; false when the version is no longer pending (its lease ran out and it was swept).
    /// </summary>
    Task<bool> CompleteAsync(
        Guid modelId,
        ModelVersionInfo ready,
        IReadOnlyList<StoredArtifactFile> files,
        Func<ModelVersionInfo, ModelVersionRegistered> registered,
        CancellationToken cancellationToken);

    /// <summary>Deletes a refused upload's PENDING_UPLOAD row (best effort: what fails is left to the sweeper).</summary>
    Task DiscardAsync(Guid versionId, CancellationToken cancellationToken);

    Task<ModelVersionState?> FindStateAsync(Guid versionId, CancellationToken cancellationToken);

    /// <summary>The files of a directory artifact in manifest order: by the paths' UTF-8 bytes.</summary>
    Task<IReadOnlyList<StoredArtifactFile>> ListFilesAsync(Guid versionId, CancellationToken cancellationToken);

    Task<StoredArtifactFile?> FindFileAsync(Guid versionId, string path, CancellationToken cancellationToken);
}
