using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mlops.Messaging;

/// <summary>Nudges the relay after SaveChanges and after a commit of an explicit transaction.</summary>
internal sealed class OutboxNudgeInterceptor(OutboxSignal signal) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        signal.Nudge();
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        signal.Nudge();
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => signal.Nudge();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        signal.Nudge();
        return Task.CompletedTask;
    }
}
