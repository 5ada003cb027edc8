using Mlops.EventContracts;

namespace Mlops.Deployment.Application;

/// <summary>One traffic row per endpoint, changed by compare-and-set on its revision.</summary>
public interface ITrafficStore
{
    Task<TrafficInfo?> FindAsync(string endpoint, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the split under the endpoint's lock. NOT_FOUND when the endpoint, or a deployment the change names,
    /// does not exist; ABORTED when <see cref="TrafficChange.ExpectedRevision"/> is not the current revision.
    /// </summary>
    Task<TrafficInfo> SetAsync(string endpoint, TrafficChange change, Func<EndpointInfo, TrafficInfo, TrafficChanged> changed, CancellationToken cancellationToken);
}
