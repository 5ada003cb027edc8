using Microsoft.EntityFrameworkCore;
using Mlops.EventContracts;
using Mlops.Messaging;
using Mlops.Registry.Application;
using Mlops.Registry.Infrastructure.Aliases;
using Mlops.Registry.Infrastructure.Approvals;
using Mlops.Registry.Infrastructure.Caching;
using Npgsql;

namespace Mlops.Registry.Infrastructure;

internal sealed class EfRegistryStore(RegistryDbContext dbContext, IOutbox outbox, ModelVersionCache cache) : IRegistryStore
{
    private static readonly Func<RegistryDbContext, string, string, int, Task<ModelVersionEntity?>> FindVersionQuery =
        EF.CompileAsyncQuery((RegistryDbContext context, string workspace, string modelName, int version) =>
            context.ModelVersions.AsNoTracking()
                .Include(v => v.Model)
                .SingleOrDefault(v => v.Model!.Workspace == workspace && v.Model.Name == modelName && v.Version == version));

    public async Task AddModelAsync(ModelInfo model, ModelCreated created, CancellationToken cancellationToken)
    {
        dbContext.Models.Add(ModelEntity.From(model));
        outbox.Enqueue(created);
        try
        {
            await dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw RegistryException.AlreadyExists($"Model '{model.Name}' already exists in workspace '{model.Workspace}'.");
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation, ConstraintName: ModelEntityConfiguration.ForeignKeyToWorkspace })
        {
            throw RegistryException.NotFound($"Workspace '{model.Workspace}' does not exist; create it first (Workspaces.CreateWorkspace).");
        }
        finally
        {
            dbContext.ChangeTracker.Clear();
        }
    }

    public async Task<ModelInfo?> FindModelAsync(string workspace, string name, CancellationToken cancellationToken)
    {
        var model = await dbContext.Models.AsNoTracking()
            .SingleOrDefaultAsync(model => model.Workspace == workspace && model.Name == name, cancellationToken)
            .ConfigureAwait(false);
        return model?.ToInfo();
    }

    public async Task<IReadOnlyList<ModelInfo>> ListModelsAsync(string workspace, string? afterName, int take, CancellationToken cancellationToken)
    {
        var query = dbContext.Models.AsNoTracking().Where(model => model.Workspace == workspace);
        if (afterName is not null)
        {
            query = query.Where(model => string.Compare(model.Name, afterName) > 0);
        }

        var models = await query.OrderBy(model => model.Name).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
        return models.ConvertAll(model => model.ToInfo());
    }

    public async Task<ModelVersionInfo> AddVersionAsync(
        Guid modelId,
        ModelVersionInfo draft,
        Func<ModelVersionInfo, ModelVersionRegistered> registered,
        CancellationToken cancellationToken)
    {
        await using var transaction = await dbContext.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // The UPDATE takes the model row's lock until commit: a concurrent upload waits here and then gets the next number.
        var numbers = await dbContext.Database
            .SqlQuery<int>($"UPDATE models SET latest_version = latest_version + 1 WHERE id = {modelId} RETURNING latest_version AS \"Value\"")
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (numbers.Count == 0)
        {
            // The model was deleted while the artifact was uploading.
            throw RegistryException.NotFound($"Model '{draft.ModelName}' does not exist in workspace '{draft.Workspace}'.");
        }

        var version = draft with { Version = numbers[0] };
        dbContext.ModelVersions.Add(ModelVersionEntity.From(modelId, version));
        outbox.Enqueue(registered(version));
        try
        {
            await dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            dbContext.ChangeTracker.Clear();
        }

        return version;
    }

    public Task<bool> IsArtifactReferencedAsync(string blobName, CancellationToken cancellationToken) =>
        dbContext.ModelVersions.AnyAsync(version => version.ArtifactBlobName == blobName, cancellationToken);

    public async Task<ModelVersionInfo?> FindVersionAsync(string workspace, string modelName, int version, CancellationToken cancellationToken)
    {
        if (cache.TryGet(workspace, modelName, version, out var cached))
        {
            return cached;
        }

        var epoch = cache.Epoch;
        var found = await FindVersionQuery(dbContext, workspace, modelName, version).ConfigureAwait(false);
        if (found is null)
        {
            return null;
        }

        var info = found.ToInfo();
        cache.Store(found.ModelId, info, epoch);
        return info;
    }

    public async Task<ModelDeletionSnapshot> DeleteModelAsync(ModelInfo model, Func<ModelDeletionSnapshot, ModelDeleted> deleted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(deleted);
        await using var transaction = await dbContext.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Exclusive: no registration, decision or alias change can slip in between the checks and the delete.
            await dbContext.LockModelAsync(model, ModelRowLock.Update, cancellationToken).ConfigureAwait(false);
            var versions = await dbContext.ModelVersions.AsNoTracking()
                .Where(version => version.ModelId == model.Id)
                .OrderBy(version => version.Version)
                .Select(version => new { version.Version, version.ArtifactBlobName, Status = EF.Property<string>(version, ModelVersionApprovalConfiguration.StatusProperty) })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var aliases = await dbContext.StoredAliases(model.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
            var snapshot = new ModelDeletionSnapshot(
                model,
                versions.ConvertAll(version => new DeletableVersion(version.Version, ApprovalStatusColumn.ToStatus(version.Status), version.ArtifactBlobName)),
                aliases);
            var modelDeleted = deleted(snapshot);

            // Decisions go with their versions, the policy and alias history with the model (ON DELETE CASCADE).
            await dbContext.ModelVersions.Where(version => version.ModelId == model.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await dbContext.Models.Where(m => m.Id == model.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            dbContext.MarkModelChanged(model.Id);
            outbox.Enqueue(modelDeleted);
            await dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return snapshot;
        }
        finally
        {
            dbContext.ChangeTracker.Clear();
        }
    }
}
