using MassTransit;
using Mlops.Deployment.Application;
using Mlops.Deployment.Infrastructure;
using Mlops.EventContracts;
using Mlops.Messaging;

namespace Mlops.Deployment.Consumers;

/// <summary>Starts a promotion of each approved version whose model has a route; once per event, redeliveries included.</summary>
public sealed class ModelVersionApprovedConsumer(DeploymentDbContext dbContext, PromotionTriggers triggers)
    : IdempotentConsumer<ModelVersionApproved, DeploymentDbContext>(dbContext)
{
    protected override async Task HandleAsync(ModelVersionApproved message, ConsumeContext<ModelVersionApproved> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await triggers.StartAsync(message, context.CancellationToken).ConfigureAwait(false);
    }
}
