using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mlops.Messaging;

/// <summary>
/// Publishes the outbox of <typeparamref name="TDbContext"/> in sequence order. A row that fails to publish is retried
/// with exponential backoff and nothing behind it goes out first. Only the relay holding the database's advisory lock
/// publishes, so several replicas keep the order too. Delivery is at least once (a crash between the broker's confirm
/// and the commit publishes again); the consumers' inbox makes that harmless.
/// </summary>
public sealed partial class OutboxRelay<TDbContext>(
    IServiceScopeFactory scopeFactory,
    IBus bus,
    OutboxSignal signal,
    IOptions<OutboxRelayOptions> options,
    TimeProvider timeProvider,
    ILogger<OutboxRelay<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    private readonly OutboxRelayOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                wait = await RelayOnceAsync(stoppingToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database itself failed (down, restarting): back off as for a broker failure.
                failures++;
                wait = _options.Backoff(failures);
                LogRelayFailed(logger, e, wait.TotalMilliseconds);
            }

            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await signal.WaitAsync(wait, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Publishes what is due; returns how long to wait before the next round (zero: go on at once).</summary>
    internal async Task<TimeSpan> RelayOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var strategy = dbContext.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(
            (dbContext, relay: this),
            static async (_, state, cancellationToken) => await state.relay.RelayBatchAsync(state.dbContext, cancellationToken).ConfigureAwait(false),
            verifySucceeded: null,
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<TimeSpan> RelayBatchAsync(TDbContext dbContext, CancellationToken cancellationToken)
    {
        dbContext.ChangeTracker.Clear();
        await using var transaction = await dbContext.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var locked = await dbContext.Database
            .SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({_options.AdvisoryLockKey}) AS \"Value\"")
            .SingleAsync(cancellationToken).ConfigureAwait(false);
        if (!locked)
        {
            return _options.PollInterval;
        }

        var due = await dbContext.Set<OutboxMessage>()
            .Where(message => message.PublishedAt == null)
            .OrderBy(message => message.SequenceNumber)
            .Take(_options.BatchSize)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var wait = due.Count == _options.BatchSize ? TimeSpan.Zero : _options.PollInterval;
        foreach (var message in due)
        {
            var now = timeProvider.GetUtcNow();
            if (message.NextAttemptAt is { } next && next > now)
            {
                // The head of the queue is backing off; nothing behind it may overtake it.
                wait = next - now;
                break;
            }

            try
            {
                await PublishAsync(message, cancellationToken).ConfigureAwait(false);
                message.PublishedAt = timeProvider.GetUtcNow();
                message.LastError = null;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                message.Attempts++;
                var backoff = _options.Backoff(message.Attempts);
                message.NextAttemptAt = timeProvider.GetUtcNow() + backoff;
                var error = e.GetType().Name + ": " + e.Message;
                message.LastError = error.Length > 2000 ? error[..2000] : error;
                LogPublishFailed(logger, e, message.Id, message.SequenceNumber, message.Attempts, backoff.TotalMilliseconds);
                wait = backoff;
                break;
            }
        }

        await dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return wait;
    }

    private async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var (payload, type) = OutboxMessageTypes.FromOutboxMessage(message);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.PublishTimeout);
        try
        {
            await bus.Publish(
                payload,
                type,
                Pipe.Execute<PublishContext>(context =>
                {
                    context.MessageId = message.Id;
                    context.Headers.Set("Mlops-Outbox-Sequence", message.SequenceNumber);
                }),
                timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The broker did not confirm within {_options.PublishTimeout.TotalSeconds:0.#} s.", e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing outbox message {MessageId} (sequence {SequenceNumber}) failed on attempt {Attempts}; retrying in {BackoffMs} ms")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, Guid messageId, long sequenceNumber, int attempts, double backoffMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox relay failed; retrying in {BackoffMs} ms")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception, double backoffMs);
}
