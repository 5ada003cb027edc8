using MassTransit;
using Mlops.EventContracts;

namespace Mlops.Messaging.Tests.Infrastructure;

public sealed class ModelVersionRegisteredConsumer(ConsumerDbContext dbContext)
    : IdempotentConsumer<ModelVersionRegistered, ConsumerDbContext>(dbContext)
{
    protected override Task HandleAsync(ModelVersionRegistered message, ConsumeContext<ModelVersionRegistered> context)
    {
        DbContext.Applied.Add(new AppliedEvent { EventId = message.EventId, VersionNumber = message.VersionNumber });
        return Task.CompletedTask;
    }
}
