using Microsoft.EntityFrameworkCore;
using Mlops.EventContracts;
using Mlops.Messaging;
using Mlops.Registry.Application;
using Npgsql;

namespace Mlops.Registry.Infrastructure;

internal sealed class EfRegistryStore(RegistryDbContext dbContext, IOutbox outbox) : IRegistryStore
{
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
        var version = draft with { Version = numbers.Single() };
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
        var found = await dbContext.ModelVersions.AsNoTracking()
            .Include(v => v.Model)
            .Include(v => v.InputExample)
            .SingleOrDefaultAsync(v => v.Model!.Workspace == workspace && v.Model.Name == modelName && v.Version == version, cancellationToken)
            .ConfigureAwait(false);
        return found?.ToInfo();
    }
}
