using Microsoft.EntityFrameworkCore;
using Mlops.EventContracts;
using Mlops.Messaging;
using Mlops.Registry.Application;
using Mlops.Registry.Infrastructure.Aliases;
using Mlops.Registry.Infrastructure.Approvals;
using Mlops.Registry.Infrastructure.Caching;

namespace Mlops.Registry.Infrastructure;

internal sealed class EfRegistryStore(RegistryDbContext dbContext, IOutbox outbox, ModelVersionCache cache) : IRegistryStore
{
    // One round trip for all a caller sees of a version, since this fills the cache every read goes through.
    private static readonly Func<RegistryDbContext, string, string, int, Task<VersionRow?>> FindVersionQuery =
        EF.CompileAsyncQuery((RegistryDbContext context, string workspace, string modelName, int version) =>
            context.ModelVersions.AsNoTracking()
                .Where(v => v.Workspace == workspace && v.ModelName == modelName && v.Version == version)
                .Select(VersionRow.Full)
                .SingleOrDefault());

    public async Task AddModelAsync(ModelInfo model, ModelCreated created, CancellationToken cancellationToken)
    {
        dbContext.Models.Add(ModelEntity.From(model));
        outbox.Enqueue(created);
        try
        {
            await dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException e) when (WorkspaceRowErrors.Of(
            e, model.Workspace, ModelEntityConfiguration.ForeignKeyToWorkspace, $"Model '{model.Name}' already exists in workspace '{model.Workspace}'.") is { } error)
        {
            throw error;
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
                .Select(version => new { version.Version, Status = EF.Property<string>(version, ModelVersionApprovalConfiguration.StatusProperty) })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var aliases = await dbContext.StoredAliases(model.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
            var snapshot = new ModelDeletionSnapshot(
                model,
                versions.ConvertAll(version => new DeletableVersion(version.Version, ApprovalStatusColumn.ToStatus(version.Status))),
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
