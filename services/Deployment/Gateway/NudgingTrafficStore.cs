using Mlops.Deployment.Application;
using Mlops.EventContracts;

namespace Mlops.Deployment.Gateway;

/// <summary>The traffic store, nudging the gateway after each committed change.</summary>
internal sealed class NudgingTrafficStore(ITrafficStore inner, GatewaySignal signal) : ITrafficStore
{
    public Task<TrafficInfo?> FindAsync(string endpoint, CancellationToken cancellationToken) => inner.FindAsync(endpoint, cancellationToken);

    public async Task<TrafficInfo> SetAsync(string endpoint, TrafficChange change, Func<EndpointInfo, TrafficInfo, TrafficChanged> changed, CancellationToken cancellationToken)
    {
        var traffic = await inner.SetAsync(endpoint, change, changed, cancellationToken).ConfigureAwait(false);
        signal.Nudge();
        return traffic;
    }
}
