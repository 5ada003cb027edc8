using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Mlops.EventContracts;

namespace Mlops.Messaging;

/// <summary>
/// A consumer that applies each event once: in one transaction of <typeparamref name="TDbContext"/> it claims the
/// event id in the inbox and runs <see cref="HandleAsync"/>. An event id the inbox already holds (a redelivery, or the
/// relay publishing twice) is acknowledged without running the handler; a concurrent duplicate waits on the inbox key
/// and is then skipped too.
/// </summary>
public abstract class IdempotentConsumer<TEvent, TDbContext>(TDbContext dbContext) : IConsumer<TEvent>
    where TEvent : class, IIntegrationEvent
    where TDbContext : DbContext
{
    protected TDbContext DbContext => dbContext;

    /// <summary>The inbox key's first half: consumers of the same event in one database keep separate records.</summary>
    protected virtual string ConsumerName => GetType().FullName ?? GetType().Name;

    public async Task Consume(ConsumeContext<TEvent> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var strategy = dbContext.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(
            (consumer: this, context),
            static async (_, state, cancellationToken) =>
            {
                await state.consumer.ConsumeOnceAsync(state.context, cancellationToken).ConfigureAwait(false);
                return true;
            },
            verifySucceeded: null,
            context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies the event to <see cref="DbContext"/>; the caller saves and commits.</summary>
    protected abstract Task HandleAsync(TEvent message, ConsumeContext<TEvent> context);

    private async Task ConsumeOnceAsync(ConsumeContext<TEvent> context, CancellationToken cancellationToken)
    {
        dbContext.ChangeTracker.Clear();
        await using var transaction = await dbContext.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var inbox = dbContext.Model.FindEntityType(typeof(InboxMessage))
            ?? throw new InvalidOperationException($"{typeof(TDbContext).Name} has no inbox: call modelBuilder.AddOutboxAndInbox() in OnModelCreating.");
        var table = StoreObjectIdentifier.Table(inbox.GetTableName()!, inbox.GetSchema());
        var sql = $"INSERT INTO {Quote(inbox.GetSchema())}\"{table.Name}\" (consumer_name, message_id, processed_at) VALUES ({{0}}, {{1}}, {{2}}) ON CONFLICT DO NOTHING";
        var claimed = await dbContext.Database
            .ExecuteSqlRawAsync(sql, [ConsumerName, context.Message.EventId, DateTimeOffset.UtcNow], cancellationToken)
            .ConfigureAwait(false);
        if (claimed == 0)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        await HandleAsync(context.Message, context).ConfigureAwait(false);
        await dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Quote(string? schema) => schema is null ? "" : $"\"{schema}\".";
}
