using Microsoft.EntityFrameworkCore;
using Mlops.EventContracts;

namespace Mlops.Messaging;

internal sealed class Outbox<TDbContext>(TDbContext dbContext, TimeProvider timeProvider) : IOutbox
    where TDbContext : DbContext
{
    public void Enqueue(IIntegrationEvent integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        dbContext.Set<OutboxMessage>().Add(OutboxMessageTypes.ToOutboxMessage(integrationEvent, timeProvider.GetUtcNow()));
    }
}
