using System.Runtime.CompilerServices;
using Mlops.Registry.Application.Audit;
using Mlops.Registry.Application.Versions;

namespace Mlops.Registry.Application;

/// <summary>Registering versions with their artifacts, reading them, and reading the artifacts back.</summary>
public sealed class ModelVersionUseCases(
    IRegistryStore store,
    IArtifactStore artifacts,
    IAuditLog audit,
    ICallerContext caller,
    TimeProvider timeProvider)
{
    /// <summary>
    /// Stores the artifact as its chunks arrive, checks it against the header, then numbers and records the version.
    /// A version exists only with a complete, verified artifact; whatever fails on the way leaves no blob behind.
    /// </summary>
    public async Task<ModelVersionInfo> CreateAsync(NewModelVersion header, IAsyncEnumerable<ReadOnlyMemory<byte>> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(header);
        var workspace = RegistryRules.Workspace("header.workspace", header.Workspace);
        var modelName = RegistryRules.Name("header.model_name", header.ModelName);
        var sha256 = RegistryRules.Sha256("header.artifact_sha256", header.ArtifactSha256);
        var expectedSize = RegistryRules.Size("header.artifact_size_bytes", header.ArtifactSizeBytes);
        var description = RegistryRules.Description("header.description", header.Description);
        var tags = RegistryRules.Tags("header.tags", header.Tags);
        var metadata = MetadataRules.Validate("header", header.Metadata);
        var model = await store.FindModelAsync(workspace, modelName, cancellationToken).ConfigureAwait(false)
            ?? throw RegistryException.NotFound($"Model '{modelName}' does not exist in workspace '{workspace}'.");

        var stored = await artifacts.UploadAsync(model.Id, NoLongerThan(chunks, expectedSize, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (Mismatch(stored, sha256, expectedSize) is { } mismatch)
        {
            await artifacts.DeleteAsync(stored.BlobName, CancellationToken.None).ConfigureAwait(false);
            throw RegistryException.Invalid(mismatch);
        }

        var now = Timestamps.Now(timeProvider);
        var draft = new ModelVersionInfo(
            workspace,
            model.Name,
            Version: 0,
            description,
            tags,
            stored.Sha256,
            stored.SizeBytes,
            RegistryRules.FileName(header.ArtifactFileName),
            stored.BlobName,
            caller.UserName,
            now)
        {
            Metadata = metadata,
            UpdateTime = now,
        };
        try
        {
            // The artifact is complete and verified; a cancel now would only make the outcome ambiguous.
            return await store.AddVersionAsync(model.Id, draft, Registered, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            // A commit that failed on the wire may have committed all the same: never delete a blob a version points at.
            if (!await store.IsArtifactReferencedAsync(stored.BlobName, CancellationToken.None).ConfigureAwait(false))
            {
                await artifacts.DeleteAsync(stored.BlobName, CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }
    }

    public async Task<ModelVersionInfo> GetAsync(string? workspace, string? modelName, int version, CancellationToken cancellationToken)
    {
        var validWorkspace = RegistryRules.Workspace("workspace", workspace);
        var validName = RegistryRules.Name("model_name", modelName);
        var number = RegistryRules.Version(version);
        return await store.FindVersionAsync(validWorkspace, validName, number, cancellationToken).ConfigureAwait(false)
            ?? throw RegistryException.NotFound($"Model '{validName}' in workspace '{validWorkspace}' has no version {number}.");
    }

    public async Task<Stream> OpenArtifactAsync(string? workspace, string? modelName, int version, CancellationToken cancellationToken)
    {
        var found = await GetAsync(workspace, modelName, version, cancellationToken).ConfigureAwait(false);
        return await artifacts.OpenReadAsync(found.ArtifactBlobName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The event, and the audit entry that commits with it, once the version has its number.</summary>
    private EventContracts.ModelVersionRegistered Registered(ModelVersionInfo version)
    {
        var registered = RegistryEvents.VersionRegistered(version);
        audit.Record(new AuditEntry(
            version.Workspace,
            version.CreatedBy,
            "model_version.register",
            registered.Subject,
            version.CreateTime,
            new Dictionary<string, string> { ["artifact_sha256"] = version.ArtifactSha256 }));
        return registered;
    }

    private static string? Mismatch(StoredArtifact stored, string sha256, long? expectedSize) =>
        stored.Sha256 != sha256
            ? $"The artifact's SHA-256 does not match header.artifact_sha256: expected {sha256}, actual {stored.Sha256}."
            : expectedSize is { } size && stored.SizeBytes != size
                ? $"The artifact's size does not match header.artifact_size_bytes: expected {size}, actual {stored.SizeBytes}."
                : null;

    /// <summary>Stops an upload as soon as it outgrows the size the header announced, instead of storing it all first.</summary>
    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> NoLongerThan(
        IAsyncEnumerable<ReadOnlyMemory<byte>> chunks,
        long? expectedSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long total = 0;
        await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            total += chunk.Length;
            if (total > expectedSize)
            {
                throw RegistryException.Invalid(
                    $"The artifact's size does not match header.artifact_size_bytes: expected {expectedSize}, actual at least {total}.");
            }

            yield return chunk;
        }
    }
}
