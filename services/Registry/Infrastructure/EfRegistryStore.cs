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

    public async Task<ModelVersionInfo?> FindVersionAsync(string workspace, string modelName, int version, CancellationToken cancellationToken)
    {
        var found = await dbContext.ModelVersions.AsNoTracking()
            .Include(v => v.Model)
            .SingleOrDefaultAsync(v => v.Model!.Workspace == workspace && v.Model.Name == modelName && v.Version == version, cancellationToken)
            .ConfigureAwait(false);
        return found?.ToInfo();
    }
}
