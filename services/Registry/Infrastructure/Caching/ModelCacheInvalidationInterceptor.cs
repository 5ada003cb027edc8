using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mlops.Registry.Infrastructure.Caching;

/// <summary>
/// Evicts, right after this instance commits, every model its unit of work touched, so a caller reads its own write
/// on the instance that made it without waiting for the database's announcement.
/// </summary>
internal sealed class ModelCacheInvalidationInterceptor(ModelVersionCache cache) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        EvictIfCommitted(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        EvictIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => EvictIfCommitted(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        EvictIfCommitted(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Evict(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Evict(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Evict(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Evict(eventData.Context);
        return Task.CompletedTask;
    }

    private static void Collect(Microsoft.EntityFrameworkCore.DbContext? context)
    {
        if (context is RegistryDbContext registry)
        {
            registry.CollectChangedModels();
        }
    }

    private void EvictIfCommitted(Microsoft.EntityFrameworkCore.DbContext? context)
    {
        // Inside an explicit transaction nothing is visible to others yet; the commit (or rollback) evicts.
        if (context is RegistryDbContext { Database.CurrentTransaction: null })
        {
            Evict(context);
        }
    }

    private void Evict(Microsoft.EntityFrameworkCore.DbContext? context)
    {
        if (context is RegistryDbContext registry)
        {
            foreach (var modelId in registry.TakeChangedModels())
            {
                cache.EvictModel(modelId);
            }
        }
    }
}
