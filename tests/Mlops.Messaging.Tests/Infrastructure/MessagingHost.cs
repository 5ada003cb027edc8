using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mlops.EventContracts;

namespace Mlops.Messaging.Tests.Infrastructure;

/// <summary>
/// A publishing service (registry database, outbox, relay) and a consuming service (its own database and inbox, one
/// message at a time so the order it applies is the order it received) in one process, on the fixture's servers.
/// </summary>
public sealed class MessagingHost : IAsyncDisposable
{
    private readonly List<IHostedService> _started = [];

    private MessagingHost(ServiceProvider services) => Services = services;

    public ServiceProvider Services { get; }

    public static async Task<MessagingHost> StartAsync(InfrastructureFixture infrastructure)
    {
        var registryDatabase = await infrastructure.CreateDatabaseAsync("registry");
        var consumerDatabase = await infrastructure.CreateDatabaseAsync("consumer");
        var queue = $"applied-{Guid.NewGuid():N}";
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<RegistryDbContext>((provider, options) => options.UseNpgsql(registryDatabase).AddOutboxNudges(provider));
        services.AddDbContext<ConsumerDbContext>(options => options.UseNpgsql(consumerDatabase));
        services.AddMlopsMessaging<RegistryDbContext>(
            infrastructure.Servers.RabbitMq.AmqpUri,
            bus => bus.AddConsumer<ModelVersionRegisteredConsumer>().Endpoint(endpoint =>
            {
                endpoint.Name = queue;
                endpoint.ConcurrentMessageLimit = 1;
                endpoint.PrefetchCount = 1;
            }),
            relay =>
            {
                relay.PollInterval = TimeSpan.FromMilliseconds(200);
                relay.PublishTimeout = TimeSpan.FromSeconds(2);
                relay.InitialBackoff = TimeSpan.FromMilliseconds(100);
                relay.MaxBackoff = TimeSpan.FromSeconds(1);
            });
        services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);

        var host = new MessagingHost(services.BuildServiceProvider());
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Database.EnsureCreatedAsync();
            await scope.ServiceProvider.GetRequiredService<ConsumerDbContext>().Database.EnsureCreatedAsync();
        }

        foreach (var hostedService in host.Services.GetServices<IHostedService>())
        {
            await hostedService.StartAsync(CancellationToken.None);
            host._started.Add(hostedService);
        }

        return host;
    }

    /// <summary>Registers model versions, each with its event, one transaction per version as a service would.</summary>
    public async Task<IReadOnlyList<ModelVersionRegistered>> RegisterAsync(string modelName, int count)
    {
        var events = new List<ModelVersionRegistered>();
        for (var number = 1; number <= count; number++)
        {
            await using var scope = Services.CreateAsyncScope();
            var dbContext = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var registered = NewEvent(modelName, number);
            dbContext.ModelVersions.Add(new ModelVersionRow { Id = Guid.NewGuid(), ModelName = modelName, VersionNumber = number });
            scope.ServiceProvider.GetRequiredService<IOutbox>().Enqueue(registered);
            await dbContext.SaveChangesAsync();
            events.Add(registered);
        }

        return events;
    }

    public static ModelVersionRegistered NewEvent(string modelName, int number) => new(
        Guid.NewGuid(),
        DateTimeOffset.UtcNow,
        "model-registry",
        EventSubjects.ModelVersion("w1", modelName, number),
        "w1",
        modelName,
        number,
        "sha256:" + new string('a', 64),
        1024 + number,
        "tester");

    public async Task<T> QueryAsync<TDbContext, T>(Func<TDbContext, Task<T>> query)
        where TDbContext : DbContext
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TDbContext>());
    }

    public Task<List<AppliedEvent>> AppliedAsync() =>
        QueryAsync<ConsumerDbContext, List<AppliedEvent>>(dbContext => dbContext.Applied.AsNoTracking().OrderBy(applied => applied.Id).ToListAsync());

    public Task<List<OutboxMessage>> OutboxAsync() =>
        QueryAsync<RegistryDbContext, List<OutboxMessage>>(dbContext => dbContext.Outbox.AsNoTracking().OrderBy(message => message.SequenceNumber).ToListAsync());

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not within {timeout.TotalSeconds:0} s: {what}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            await _started[i].StopAsync(CancellationToken.None);
        }

        await Services.DisposeAsync();
    }
}
