using Microsoft.EntityFrameworkCore;
using Mlops.Registry.Application;

namespace Mlops.Registry.Infrastructure;

internal static class ModelRowLocks
{
    /// <summary>Locks the model's row until the current transaction ends.</summary>
    /// <exception cref="RegistryException">NOT_FOUND: the model was deleted meanwhile.</exception>
    public static async Task LockModelAsync(this RegistryDbContext dbContext, ModelInfo model, ModelRowLock mode, CancellationToken cancellationToken)
    {
        FormattableString sql = mode switch
        {
            ModelRowLock.KeyShare => $"SELECT id AS \"Value\" FROM models WHERE id = {model.Id} FOR KEY SHARE",
            ModelRowLock.NoKeyUpdate => $"SELECT id AS \"Value\" FROM models WHERE id = {model.Id} FOR NO KEY UPDATE",
            _ => $"SELECT id AS \"Value\" FROM models WHERE id = {model.Id} FOR UPDATE",
        };
        var locked = await dbContext.Database.SqlQuery<Guid>(sql).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (locked.Count == 0)
        {
            throw RegistryException.NotFound($"Model '{model.Name}' does not exist in workspace '{model.Workspace}'.");
        }
    }
}
