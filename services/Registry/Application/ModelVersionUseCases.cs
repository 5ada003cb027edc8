using Mlops.Registry.Application.Uploads;

namespace Mlops.Registry.Application;

/// <summary>Reading versions, and reading their artifacts back (uploads: <see cref="ModelVersionUploadUseCases"/>).</summary>
public sealed class ModelVersionUseCases(IRegistryStore store, IVersionUploadStore uploads, IArtifactStore artifacts)
{
    /// <summary>The version in whatever state it is: PENDING_UPLOAD and FAILED versions are shown as such.</summary>
    public async Task<ModelVersionInfo> GetAsync(string? workspace, string? modelName, int version, CancellationToken cancellationToken)
    {
        var validWorkspace = RegistryRules.Workspace("workspace", workspace);
        var validName = RegistryRules.Name("model_name", modelName);
        var number = RegistryRules.Version(version);
        return await store.FindVersionAsync(validWorkspace, validName, number, cancellationToken).ConfigureAwait(false)
            ?? throw RegistryException.NotFound($"Model '{validName}' in workspace '{validWorkspace}' has no version {number}.");
    }

    /// <summary>
    /// What downloading the version's artifact (or, with <paramref name="path"/>, one file of a directory artifact)
    /// sends; only a READY version's.
    /// </summary>
    public async Task<ArtifactDownload> PlanDownloadAsync(string? workspace, string? modelName, int version, string? path, CancellationToken cancellationToken)
    {
        var found = (await GetAsync(workspace, modelName, version, cancellationToken).ConfigureAwait(false)).EnsureReady();
        if (!found.IsDirectory)
        {
            return string.IsNullOrEmpty(path)
                ? new ArtifactDownload(AnnounceFiles: false, [new StoredArtifactFile(found.ArtifactFileName, found.ArtifactSha256, found.ArtifactSizeBytes, found.ArtifactBlobName)])
                : throw RegistryException.Invalid(
                    $"path '{path}' names a file of a directory, but the artifact of version {found.Version} of model '{found.ModelName}' is a single file: leave path empty.");
        }

        if (string.IsNullOrEmpty(path))
        {
            return new ArtifactDownload(AnnounceFiles: true, await uploads.ListFilesAsync(found.Id, cancellationToken).ConfigureAwait(false));
        }

        if (ArtifactPaths.Problem(path) is { } problem)
        {
            throw RegistryException.Invalid($"path '{path}' is invalid: {problem}.");
        }

        var file = await uploads.FindFileAsync(found.Id, path, cancellationToken).ConfigureAwait(false)
            ?? throw RegistryException.NotFound($"The artifact of version {found.Version} of model '{found.ModelName}' has no file '{path}'.");
        return new ArtifactDownload(AnnounceFiles: false, [file]);
    }

    public Task<Stream> OpenFileAsync(StoredArtifactFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        return artifacts.OpenReadAsync(file.BlobName, cancellationToken);
    }
}
