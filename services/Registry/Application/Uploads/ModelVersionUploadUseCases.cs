using Mlops.Registry.Application.Audit;
using Mlops.Registry.Application.Versions;

namespace Mlops.Registry.Application.Uploads;

/// <summary>
/// Registering a version with its artifact. The header reserves the number as a PENDING_UPLOAD version; the files are
/// stored as they arrive, each checked against its announcement; the version becomes READY, with its event, only once
/// the whole artifact matches the header. A refused or canceled upload leaves no version and no blob; one this process
/// cannot finish (a crash) is found by the sweeper when its lease runs out, and marked FAILED.
/// </summary>
public sealed class ModelVersionUploadUseCases(
    IRegistryStore store,
    IVersionUploadStore uploads,
    IUploadLeases leases,
    IArtifactStore artifacts,
    IAuditLog audit,
    ICallerContext caller,
    TimeProvider timeProvider)
{
    public async Task<ModelVersionInfo> CreateAsync(NewModelVersion header, IAsyncEnumerable<UploadPart> parts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(parts);
        var workspace = RegistryRules.Workspace("header.workspace", header.Workspace);
        var modelName = RegistryRules.Name("header.model_name", header.ModelName);
        var sha256 = RegistryRules.Sha256("header.artifact_sha256", header.ArtifactSha256);
        var expectedSize = RegistryRules.Size("header.artifact_size_bytes", header.ArtifactSizeBytes);
        var description = RegistryRules.Description("header.description", header.Description);
        var tags = RegistryRules.Tags("header.tags", header.Tags);
        var metadata = MetadataRules.Validate("header", header.Metadata);
        var model = await store.FindModelAsync(workspace, modelName, cancellationToken).ConfigureAwait(false)
            ?? throw RegistryException.NotFound($"Model '{modelName}' does not exist in workspace '{workspace}'.");

        var id = Guid.NewGuid();
        var now = Timestamps.Now(timeProvider);
        var draft = new ModelVersionInfo(
            workspace,
            model.Name,
            Version: 0,
            description,
            tags,
            sha256,
            expectedSize ?? 0,
            RegistryRules.FileName(header.ArtifactFileName),
            artifacts.UploadLocation(model.Id, id),
            caller.UserName,
            now)
        {
            Id = id,
            State = ModelVersionState.PendingUpload,
            Metadata = metadata,
            UpdateTime = now,
        };
        var pending = await uploads.ReserveAsync(model.Id, draft, cancellationToken).ConfigureAwait(false);

        ReceivedArtifact received;
        var lease = leases.Hold(pending.Id);
        try
        {
            using var upload = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
            try
            {
                received = await ReceiveAsync(model.Id, pending.Id, parts, expectedSize, upload.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (lease.Lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw LeaseLost(pending);
            }

            Verify(received, sha256, expectedSize);
        }
        catch
        {
            await lease.DisposeAsync().ConfigureAwait(false);
            await DiscardAsync(model.Id, pending.Id).ConfigureAwait(false);
            throw;
        }

        await lease.DisposeAsync().ConfigureAwait(false);
        var ready = pending with
        {
            ArtifactSha256 = received.Sha256,
            ArtifactSizeBytes = received.SizeBytes,
            ArtifactBlobName = received.BlobName,
            ArtifactFileCount = received.Files.Count,
            State = ModelVersionState.Ready,
        };
        bool completed;
        try
        {
            // The artifact is complete and verified; a cancel now would only make the outcome ambiguous.
            completed = await uploads.CompleteAsync(model.Id, ready, received.Files, Registered, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            // A commit that failed on the wire may have committed all the same: never delete what a READY version points at.
            if (await TryFindStateAsync(ready.Id).ConfigureAwait(false) is ModelVersionState.Ready)
            {
                return ready;
            }

            await DiscardAsync(model.Id, pending.Id).ConfigureAwait(false);
            throw;
        }

        if (!completed)
        {
            await artifacts.DeleteUploadAsync(model.Id, pending.Id, CancellationToken.None).ConfigureAwait(false);
            throw LeaseLost(pending);
        }

        return ready;
    }

    private async Task<ReceivedArtifact> ReceiveAsync(Guid modelId, Guid uploadId, IAsyncEnumerable<UploadPart> parts, long? expectedSize, CancellationToken cancellationToken)
    {
        var enumerator = parts.GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            var reader = new UploadPartReader(enumerator);
            if (await reader.PeekAsync().ConfigureAwait(false) is not { File: not null })
            {
                var chunks = ArtifactChecks.NoLongerThan(reader.ChunksAsync(singleFile: true, cancellationToken), expectedSize, "The artifact's size does not match header.artifact_size_bytes", cancellationToken);
                var stored = await artifacts.UploadFileAsync(modelId, uploadId, 0, chunks, cancellationToken).ConfigureAwait(false);
                return new ReceivedArtifact(stored.BlobName, stored.Sha256, stored.SizeBytes, []);
            }

            var paths = new ArtifactPaths();
            var files = new List<StoredArtifactFile>();
            long announced = 0;
            while (await reader.NextFileAsync().ConfigureAwait(false) is { } file)
            {
                paths.Add(file.Path);
                RegistryRules.Sha256($"file.sha256 of '{file.Path}'", file.Sha256);
                if (file.SizeBytes < 0)
                {
                    throw RegistryException.Invalid($"file.size_bytes of '{file.Path}' is {file.SizeBytes}: it must not be negative.");
                }

                announced += file.SizeBytes;
                if (announced > expectedSize)
                {
                    throw RegistryException.Invalid(
                        $"The files announced up to '{file.Path}' add up to {announced} bytes, more than header.artifact_size_bytes ({expectedSize}).");
                }

                var chunks = ArtifactChecks.NoLongerThan(reader.ChunksAsync(singleFile: false, cancellationToken), file.SizeBytes, $"The size of file '{file.Path}' does not match its file.size_bytes", cancellationToken);
                var stored = await artifacts.UploadFileAsync(modelId, uploadId, files.Count, chunks, cancellationToken).ConfigureAwait(false);
                if (stored.SizeBytes != file.SizeBytes)
                {
                    throw RegistryException.Invalid($"The size of file '{file.Path}' does not match its file.size_bytes: expected {file.SizeBytes}, actual {stored.SizeBytes}.");
                }

                if (stored.Sha256 != file.Sha256)
                {
                    throw RegistryException.Invalid($"The SHA-256 of file '{file.Path}' does not match its file.sha256: expected {file.Sha256}, actual {stored.Sha256}.");
                }

                files.Add(new StoredArtifactFile(file.Path, stored.Sha256, stored.SizeBytes, stored.BlobName));
            }

            var manifest = ArtifactManifest.Sha256(files.Select(f => (f.Path, f.Sha256)));
            return new ReceivedArtifact(artifacts.UploadLocation(modelId, uploadId), manifest, files.Sum(f => f.SizeBytes), files);
        }
    }

    private static void Verify(ReceivedArtifact received, string sha256, long? expectedSize)
    {
        if (received.Sha256 != sha256)
        {
            throw RegistryException.Invalid(received.Files.Count == 0
                ? $"The artifact's SHA-256 does not match header.artifact_sha256: expected {sha256}, actual {received.Sha256}."
                : $"The directory's manifest SHA-256 does not match header.artifact_sha256: expected {sha256}, actual {received.Sha256} "
                    + "(the SHA-256 of the lines \"<sha256>  <path>\\n\" of its files, ordered by path; see ArtifactFile in registry.proto).");
        }

        if (expectedSize is { } size && received.SizeBytes != size)
        {
            throw RegistryException.Invalid($"The artifact's size does not match header.artifact_size_bytes: expected {size}, actual {received.SizeBytes}.");
        }
    }

    /// <summary>Removes a refused upload: its blobs first, then its row, so that what cannot be deleted now stays pending for the sweeper.</summary>
    private async Task DiscardAsync(Guid modelId, Guid versionId)
    {
        if (await artifacts.DeleteUploadAsync(modelId, versionId, CancellationToken.None).ConfigureAwait(false))
        {
            await uploads.DiscardAsync(versionId, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<ModelVersionState?> TryFindStateAsync(Guid versionId)
    {
        try
        {
            return await uploads.FindStateAsync(versionId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Still unreachable: the sweeper settles the upload once its lease runs out.
            return null;
        }
    }

    private static RegistryException LeaseLost(ModelVersionInfo version) => RegistryException.Aborted(
        $"The upload of version {version.Version} of model '{version.ModelName}' was given up: its lease could not be renewed in time and the version "
        + "was marked FAILED. Upload the artifact again.");

    /// <summary>The event, and the audit entry that commits with it, once the version is complete.</summary>
    private EventContracts.ModelVersionRegistered Registered(ModelVersionInfo version)
    {
        var registered = RegistryEvents.VersionRegistered(version);
        audit.Record(new AuditEntry(
            version.Workspace,
            version.CreatedBy,
            "model_version.register",
            registered.Subject,
            Timestamps.Now(timeProvider),
            new Dictionary<string, string> { ["artifact_sha256"] = version.ArtifactSha256 }));
        return registered;
    }

}
