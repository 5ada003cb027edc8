using MassTransit;
using Mlops.Deployment.Application;
using Mlops.Deployment.Infrastructure;
using Mlops.EventContracts;
using Mlops.Messaging;

namespace Mlops.Deployment.Consumers;

/// <summary>Rolls back the rollout of a deployment an alert is about; the traffic change and the promotion's end commit with the inbox record.</summary>
public sealed class DeploymentAlertRaisedConsumer(DeploymentDbContext dbContext, PromotionTriggers triggers)
    : IdempotentConsumer<DeploymentAlertRaised, DeploymentDbContext>(dbContext)
{
    protected override async Task HandleAsync(DeploymentAlertRaised message, ConsumeContext<DeploymentAlertRaised> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await triggers.RollBackAsync(message, context.CancellationToken).ConfigureAwait(false);
    }
}
