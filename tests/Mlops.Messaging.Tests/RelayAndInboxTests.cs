using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mlops.Messaging.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Mlops.Messaging.Tests;

[Collection(InfrastructureCollection.Name)]
public sealed class RelayAndInboxTests(InfrastructureFixture infrastructure, ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Events_registered_while_the_broker_is_down_are_all_applied_once_in_order_after_it_returns()
    {
        await using var host = await MessagingHost.StartAsync(infrastructure);
        var rabbit = infrastructure.Servers.RabbitMq;
        var stopwatch = Stopwatch.StartNew();
        await rabbit.StopAsync();
        output.WriteLine($"broker stopped after {stopwatch.ElapsedMilliseconds} ms");
        try
        {
            var registered = await host.RegisterAsync("churn", 100);
            Assert.Equal(100, await host.QueryAsync<RegistryDbContext, int>(dbContext => Task.FromResult(dbContext.ModelVersions.Count())));

            // The relay keeps trying the head of the queue and publishes nothing.
            await MessagingHost.WaitUntilAsync(async () => (await host.OutboxAsync())[0].Attempts >= 3, Patience, "three failed attempts");
            var outbox = await host.OutboxAsync();
            Assert.Equal(registered.Select(e => e.EventId), outbox.Select(message => message.Id));
            Assert.All(outbox, message => Assert.Null(message.PublishedAt));
            Assert.All(outbox.Skip(1), message => Assert.Equal(0, message.Attempts));
            Assert.NotNull(outbox[0].LastError);
            output.WriteLine($"{outbox[0].Attempts} attempts while down; last error: {outbox[0].LastError}");
        }
        finally
        {
            stopwatch.Restart();
            await rabbit.StartAsync();
            output.WriteLine($"broker started again after {stopwatch.ElapsedMilliseconds} ms");
        }

        stopwatch.Restart();
        await MessagingHost.WaitUntilAsync(async () => (await host.AppliedAsync()).Count >= 100, Patience, "100 events applied");
        output.WriteLine($"all 100 applied {stopwatch.ElapsedMilliseconds} ms after the broker's start");

        var applied = await host.AppliedAsync();
        Assert.Equal(100, applied.Count);
        Assert.Equal(100, applied.Select(a => a.EventId).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 100), applied.Select(a => a.VersionNumber));
        Assert.Equal(100, await host.QueryAsync<ConsumerDbContext, int>(dbContext => Task.FromResult(dbContext.Inbox.Count())));
        await MessagingHost.WaitUntilAsync(async () => (await host.OutboxAsync()).All(message => message.PublishedAt is not null), Patience, "outbox marked published");
    }

    [Fact]
    public async Task A_redelivered_event_is_applied_once()
    {
        await using var host = await MessagingHost.StartAsync(infrastructure);
        var bus = host.Services.GetRequiredService<IBus>();
        var duplicate = MessagingHost.NewEvent("churn", 1);
        var sentinel = MessagingHost.NewEvent("churn", 2);

        await bus.Publish(duplicate, context => context.MessageId = duplicate.EventId);
        await bus.Publish(duplicate, context => context.MessageId = duplicate.EventId);
        await bus.Publish(duplicate);
        await bus.Publish(sentinel, context => context.MessageId = sentinel.EventId);

        // One message at a time, in order: once the sentinel is applied, every copy before it has been consumed.
        await MessagingHost.WaitUntilAsync(async () => (await host.AppliedAsync()).Any(a => a.EventId == sentinel.EventId), Patience, "sentinel applied");
        var applied = await host.AppliedAsync();
        Assert.Equal([duplicate.EventId, sentinel.EventId], applied.Select(a => a.EventId));
        Assert.Equal(2, await host.QueryAsync<ConsumerDbContext, int>(dbContext => Task.FromResult(dbContext.Inbox.Count())));
    }

    [Fact]
    public async Task Two_relays_publish_in_sequence_order()
    {
        await using var host = await MessagingHost.StartAsync(infrastructure);
        var second = ActivatorUtilities.CreateInstance<OutboxRelay<RegistryDbContext>>(host.Services);
        await second.StartAsync(CancellationToken.None);
        try
        {
            var registered = await host.RegisterAsync("ranker", 50);
            await MessagingHost.WaitUntilAsync(async () => (await host.AppliedAsync()).Count >= 50, Patience, "50 events applied");

            var applied = await host.AppliedAsync();
            Assert.Equal(registered.Select(e => e.EventId), applied.Select(a => a.EventId));
            var outbox = await host.OutboxAsync();
            Assert.Equal(registered.Select(e => e.EventId), outbox.Select(message => message.Id));
            Assert.True(outbox.Zip(outbox.Skip(1)).All(pair => pair.First.SequenceNumber < pair.Second.SequenceNumber));
        }
        finally
        {
            await ((IHostedService)second).StopAsync(CancellationToken.None);
            second.Dispose();
        }
    }
}
