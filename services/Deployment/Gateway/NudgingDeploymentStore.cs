using Mlops.Deployment.Application;
using Mlops.EventContracts;

namespace Mlops.Deployment.Gateway;

/// <summary>The deployment store, nudging the gateway after each committed change.</summary>
internal sealed class NudgingDeploymentStore(IDeploymentStore inner, GatewaySignal signal) : IDeploymentStore
{
    public async Task AddAsync(DeploymentInfo deployment, DeploymentCreated created, CancellationToken cancellationToken)
    {
        await inner.AddAsync(deployment, created, cancellationToken).ConfigureAwait(false);
        signal.Nudge();
    }

    public Task<DeploymentInfo?> FindAsync(string endpoint, string name, CancellationToken cancellationToken) => inner.FindAsync(endpoint, name, cancellationToken);

    public Task<IReadOnlyList<DeploymentInfo>> ListAsync(string endpoint, CancellationToken cancellationToken) => inner.ListAsync(endpoint, cancellationToken);

    public async Task DeleteAsync(string endpoint, string name, Func<EndpointInfo, DeploymentInfo, DeploymentDeleted> deleted, CancellationToken cancellationToken)
    {
        await inner.DeleteAsync(endpoint, name, deleted, cancellationToken).ConfigureAwait(false);
        signal.Nudge();
    }
}
