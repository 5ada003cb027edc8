using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mlops.Messaging;

/// <summary>
/// Nudges the relay once new outbox messages are committed: after SaveChanges, or after the commit of the explicit
/// transaction they were saved in. Writes without a new outbox message (the relay's own bookkeeping among them) never
/// nudge; otherwise each relay round would wake the next at once and the relay would spin on the database.
/// </summary>
internal sealed class OutboxNudgeInterceptor(OutboxSignal signal) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly object Saving = new();
    private static readonly object AwaitingCommit = new();

    // Per DbContext: whether its current save adds outbox messages, and whether its open transaction holds some.
    private readonly ConditionalWeakTable<DbContext, object> _outboxWrites = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        NoteOutboxWrites(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        NoteOutboxWrites(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AfterSave(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        AfterSave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void NoteOutboxWrites(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries<OutboxMessage>().Any(entry => entry.State == EntityState.Added))
        {
            _outboxWrites.TryAdd(context, Saving);
        }
    }

    private void AfterSave(DbContext? context)
    {
        if (context is null || !_outboxWrites.TryGetValue(context, out var state) || state != Saving)
        {
            return;
        }

        if (context.Database.CurrentTransaction is null)
        {
            _outboxWrites.Remove(context);
            signal.Nudge();
        }
        else
        {
            // Not visible to the relay before the commit.
            _outboxWrites.AddOrUpdate(context, AwaitingCommit);
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _outboxWrites.Remove(context))
        {
            signal.Nudge();
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _outboxWrites.Remove(context);
        }
    }
}
