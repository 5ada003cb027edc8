using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Mlops.EventContracts;
using Mlops.Messaging;
using Mlops.Registry.Application;
using Mlops.Registry.Application.Uploads;

namespace Mlops.Registry.Infrastructure.Uploads;

internal sealed partial class EfVersionUploadStore(RegistryDbContext dbContext, IOutbox outbox, ILogger<EfVersionUploadStore> logger) : IVersionUploadStore
{
    public async Task<ModelVersionInfo> ReserveAsync(Guid modelId, ModelVersionInfo pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        await using var transaction = await dbContext.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // The UPDATE holds the model row's lock until commit: a concurrent header waits here, then takes the next number.
        var numbers = await dbContext.Database
            .SqlQuery<int>($"""
                UPDATE models SET last_reserved_version = GREATEST(last_reserved_version, latest_version) + 1
                WHERE id = {modelId}
                RETURNING last_reserved_version AS "Value"
                """)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (numbers is not [var number])
        {
            throw RegistryException.NotFound($"Model '{pending.ModelName}' does not exist in workspace '{pending.Workspace}'.");
        }

        var reserved = pending with { Version = number, State = ModelVersionState.PendingUpload };
        var entity = ModelVersionEntity.From(modelId, reserved);
        dbContext.ModelVersions.Add(entity);
        try
        {
            await dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await dbContext.Database.ExecuteSqlAsync(
                $"UPDATE model_versions SET upload_heartbeat_at = now() WHERE id = {entity.Id}", cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            dbContext.ChangeTracker.Clear();
        }

        return reserved with { Id = entity.Id };
    }

    public async Task<bool> CompleteAsync(
        Guid modelId,
        ModelVersionInfo ready,
        IReadOnlyList<StoredArtifactFile> files,
        Func<ModelVersionInfo, ModelVersionRegistered> registered,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ready);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(registered);
        await using var transaction = await dbContext.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // The row lock makes completing and sweeping exclusive: whichever comes second sees what the first decided.
        var statuses = await dbContext.Database
            .SqlQuery<string>($"""SELECT status AS "Value" FROM model_versions WHERE id = {ready.Id} FOR UPDATE""")
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (statuses.Count == 0)
        {
            // Only deleting the model removes a pending version's row.
            throw RegistryException.NotFound($"Model '{ready.ModelName}' does not exist in workspace '{ready.Workspace}': it was deleted during the upload.");
        }

        if (statuses is not [ModelVersionStatuses.PendingUpload])
        {
            return false;
        }

        try
        {
            // The files go in while the version is still pending: once READY, the trigger refuses any change to them.
            dbContext.ModelVersionFiles.AddRange(files.Select(file => ModelVersionFileEntity.From(ready.Id, file)));
            outbox.Enqueue(registered(ready));
            await dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            dbContext.ChangeTracker.Clear();
        }

        await dbContext.ModelVersions.Where(version => version.Id == ready.Id).ExecuteUpdateAsync(
            setters => setters
                .SetProperty(version => version.Status, ModelVersionStatuses.Ready)
                .SetProperty(version => version.ArtifactSha256, ready.ArtifactSha256)
                .SetProperty(version => version.ArtifactSizeBytes, ready.ArtifactSizeBytes)
                .SetProperty(version => version.ArtifactBlobName, ready.ArtifactBlobName)
                .SetProperty(version => version.ArtifactFileCount, ready.ArtifactFileCount)
                .SetProperty(version => version.UploadHeartbeatAt, (DateTimeOffset?)null),
            cancellationToken).ConfigureAwait(false);
        await dbContext.Database.ExecuteSqlAsync(
            $"UPDATE models SET latest_version = GREATEST(latest_version, {ready.Version}) WHERE id = {modelId}", cancellationToken).ConfigureAwait(false);
        dbContext.MarkModelChanged(modelId);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task DiscardAsync(Guid versionId, CancellationToken cancellationToken)
    {
        try
        {
            // In a transaction so that its commit evicts the pending version from this instance's cache.
            await using var transaction = await dbContext.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var models = await dbContext.Database.SqlQuery<Guid>(
                $"DELETE FROM model_versions WHERE id = {versionId} AND status = {ModelVersionStatuses.PendingUpload} RETURNING model_id AS \"Value\"")
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            models.ForEach(dbContext.MarkModelChanged);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            // Cleanup runs while another error propagates, the one the caller must see; the sweeper fails the row later.
            LogDiscardFailed(logger, e, versionId);
        }
    }

    public async Task<ModelVersionState?> FindStateAsync(Guid versionId, CancellationToken cancellationToken)
    {
        var status = await dbContext.ModelVersions.AsNoTracking().Where(version => version.Id == versionId).Select(version => version.Status)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return status is null ? null : ModelVersionStatuses.Parse(status);
    }

    public async Task<IReadOnlyList<StoredArtifactFile>> ListFilesAsync(Guid versionId, CancellationToken cancellationToken)
    {
        var files = await dbContext.ModelVersionFiles.AsNoTracking().Where(file => file.VersionId == versionId).OrderBy(file => file.Path)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return files.ConvertAll(file => file.ToStored());
    }

    public async Task<StoredArtifactFile?> FindFileAsync(Guid versionId, string path, CancellationToken cancellationToken)
    {
        var file = await dbContext.ModelVersionFiles.AsNoTracking().SingleOrDefaultAsync(file => file.VersionId == versionId && file.Path == path, cancellationToken)
            .ConfigureAwait(false);
        return file?.ToStored();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the refused upload's version row {VersionId}; the sweeper will fail it")]
    private static partial void LogDiscardFailed(ILogger logger, Exception exception, Guid versionId);
}
