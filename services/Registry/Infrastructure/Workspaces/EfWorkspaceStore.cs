using Microsoft.EntityFrameworkCore;
using Mlops.EventContracts;
using Mlops.Messaging;
using Mlops.Persistence;
using Mlops.Registry.Application;
using Mlops.Registry.Application.Workspaces;

namespace Mlops.Registry.Infrastructure.Workspaces;

internal sealed class EfWorkspaceStore(RegistryDbContext dbContext, IOutbox outbox) : IWorkspaceStore
{
    public async Task AddAsync(WorkspaceInfo workspace, WorkspaceCreated created, CancellationToken cancellationToken)
    {
        dbContext.Workspaces.Add(WorkspaceEntity.From(workspace));
        outbox.Enqueue(created);
        try
        {
            await dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException e) when (PostgresErrors.IsUniqueViolation(e))
        {
            throw RegistryException.AlreadyExists($"Workspace '{workspace.Name}' already exists.");
        }
        finally
        {
            dbContext.ChangeTracker.Clear();
        }
    }

    public async Task<WorkspaceInfo?> FindAsync(string name, CancellationToken cancellationToken)
    {
        var workspace = await dbContext.Workspaces.AsNoTracking().SingleOrDefaultAsync(workspace => workspace.Name == name, cancellationToken).ConfigureAwait(false);
        return workspace?.ToInfo();
    }

    public async Task<IReadOnlyList<WorkspaceInfo>> ListAsync(string? afterName, int take, CancellationToken cancellationToken)
    {
        var query = dbContext.Workspaces.AsNoTracking();
        if (afterName is not null)
        {
            query = query.Where(workspace => string.Compare(workspace.Name, afterName) > 0);
        }

        var workspaces = await query.OrderBy(workspace => workspace.Name).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
        return workspaces.ConvertAll(workspace => workspace.ToInfo());
    }
}
