using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mlops.Messaging.Tests.Infrastructure;

namespace Mlops.Messaging.Tests;

[Collection(InfrastructureCollection.Name)]
public sealed class TransactionalOutboxTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task State_and_event_commit_together_or_not_at_all()
    {
        var database = await infrastructure.CreateDatabaseAsync("outbox");
        var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddDbContext<RegistryDbContext>(options => options.UseNpgsql(database))
            .AddScoped<IOutbox, Outbox<RegistryDbContext>>()
            .BuildServiceProvider();
        await using (services)
        {
            await using (var scope = services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Database.EnsureCreatedAsync();
            }

            var rolledBack = MessagingHost.NewEvent("churn", 1);
            await using (var scope = services.CreateAsyncScope())
            {
                var dbContext = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
                await using var transaction = await dbContext.Database.BeginTransactionAsync();
                dbContext.ModelVersions.Add(new ModelVersionRow { Id = Guid.NewGuid(), ModelName = "churn", VersionNumber = 1 });
                scope.ServiceProvider.GetRequiredService<IOutbox>().Enqueue(rolledBack);
                await dbContext.SaveChangesAsync();
                await transaction.RollbackAsync();
            }

            var committed = MessagingHost.NewEvent("churn", 2);
            await using (var scope = services.CreateAsyncScope())
            {
                var dbContext = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
                await using var transaction = await dbContext.Database.BeginTransactionAsync();
                dbContext.ModelVersions.Add(new ModelVersionRow { Id = Guid.NewGuid(), ModelName = "churn", VersionNumber = 2 });
                scope.ServiceProvider.GetRequiredService<IOutbox>().Enqueue(committed);
                await dbContext.SaveChangesAsync();
                await transaction.CommitAsync();
            }

            await using (var scope = services.CreateAsyncScope())
            {
                var dbContext = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
                Assert.Equal([2], await dbContext.ModelVersions.Select(version => version.VersionNumber).ToListAsync());
                var message = Assert.Single(await dbContext.Outbox.ToListAsync());
                Assert.Equal(committed.EventId, message.Id);
                Assert.Null(message.PublishedAt);
                Assert.True(message.SequenceNumber > 0);
                var (payload, _) = OutboxMessageTypes.FromOutboxMessage(message);
                Assert.Equal(committed, payload);
            }
        }
    }
}
