using Mlops.EventContracts;
using Mlops.Resources;

namespace Mlops.Deployment.Application;

/// <summary>Reading and replacing an endpoint's traffic split.</summary>
public sealed class TrafficUseCases(ITrafficStore store, ICallerContext caller, TimeProvider timeProvider)
{
    public async Task<TrafficInfo> GetAsync(string? endpointName, CancellationToken cancellationToken)
    {
        var validEndpoint = DeploymentRules.Name("endpoint", endpointName);
        return await store.FindAsync(validEndpoint, cancellationToken).ConfigureAwait(false)
            ?? throw DeploymentException.NotFound($"Endpoint '{validEndpoint}' does not exist.");
    }

    public async Task<TrafficInfo> SetAsync(
        string? endpointName, IReadOnlyDictionary<string, int> weights, IReadOnlyDictionary<string, int> mirrors, string? stickyHeader, string? etag,
        CancellationToken cancellationToken)
    {
        var validEndpoint = DeploymentRules.Name("endpoint", endpointName);
        var validWeights = DeploymentRules.Weights(weights);
        var change = new TrafficChange(
            validWeights,
            DeploymentRules.Mirrors(mirrors, validWeights),
            DeploymentRules.StickyHeader(stickyHeader),
            DeploymentRules.Etag(etag),
            caller.UserName,
            Timestamps.Now(timeProvider));
        return await store.SetAsync(
            validEndpoint,
            change,
            (endpoint, traffic) => new TrafficChanged(
                Guid.NewGuid(), change.UpdateTime, ResourceNames.Deployment, EventSubjects.Traffic(endpoint.Name), endpoint.Name, endpoint.Environment,
                traffic.Weights, traffic.Mirrors, traffic.StickyHeader, traffic.Revision, change.UpdatedBy),
            cancellationToken).ConfigureAwait(false);
    }
}
