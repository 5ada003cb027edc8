using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mlops.Messaging.Tests.Infrastructure;

namespace Mlops.Messaging.Tests;

/// <summary>
/// The relay is woken when new outbox messages are committed, and by nothing else: were its own bookkeeping to wake
/// it, it would spin on the database between polls.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class OutboxNudgeTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task Only_a_commit_of_new_outbox_messages_nudges_the_relay()
    {
        var database = await infrastructure.CreateDatabaseAsync("nudge");
        var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<OutboxSignal>()
            .AddDbContext<RegistryDbContext>((provider, options) => options.UseNpgsql(database).AddOutboxNudges(provider))
            .AddScoped<IOutbox, Outbox<RegistryDbContext>>()
            .BuildServiceProvider();
        await using (services)
        {
            var signal = services.GetRequiredService<OutboxSignal>();
            await using (var scope = services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Database.EnsureCreatedAsync();
            }

            await DrainAsync(signal);

            // State without an event.
            await WriteAsync(services, version: 1, withEvent: false, commit: null);
            Assert.False(await NudgedAsync(signal), "a write without an outbox message nudged");

            // An event saved on its own: one nudge.
            await WriteAsync(services, version: 2, withEvent: true, commit: null);
            Assert.True(await NudgedAsync(signal), "a saved outbox message did not nudge");
            Assert.False(await NudgedAsync(signal), "one save nudged twice");

            // An event in an explicit transaction: a nudge at the commit, none at a rollback.
            await WriteAsync(services, version: 3, withEvent: true, commit: true);
            Assert.True(await NudgedAsync(signal), "a committed outbox message did not nudge");
            await WriteAsync(services, version: 4, withEvent: true, commit: false);
            Assert.False(await NudgedAsync(signal), "a rolled-back outbox message nudged");

            // What the relay writes: outbox rows marked published, in a transaction.
            await using (var scope = services.CreateAsyncScope())
            {
                var dbContext = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
                await using var transaction = await dbContext.Database.BeginTransactionAsync();
                foreach (var message in await dbContext.Outbox.ToListAsync())
                {
                    message.PublishedAt = DateTimeOffset.UtcNow;
                }

                await dbContext.SaveChangesAsync();
                await transaction.CommitAsync();
            }

            Assert.False(await NudgedAsync(signal), "the relay's own bookkeeping nudged it");
        }
    }

    private static async Task WriteAsync(IServiceProvider services, int version, bool withEvent, bool? commit)
    {
        await using var scope = services.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var transaction = commit is null ? null : await dbContext.Database.BeginTransactionAsync();
        dbContext.ModelVersions.Add(new ModelVersionRow { Id = Guid.NewGuid(), ModelName = "churn", VersionNumber = version });
        if (withEvent)
        {
            scope.ServiceProvider.GetRequiredService<IOutbox>().Enqueue(MessagingHost.NewEvent("churn", version));
        }

        await dbContext.SaveChangesAsync();
        if (transaction is not null)
        {
            await (commit == true ? transaction.CommitAsync() : transaction.RollbackAsync());
            await transaction.DisposeAsync();
        }
    }

    private static Task<bool> NudgedAsync(OutboxSignal signal) => signal.WaitAsync(TimeSpan.Zero, CancellationToken.None);

    private static async Task DrainAsync(OutboxSignal signal)
    {
        while (await NudgedAsync(signal))
        {
        }
    }
}
