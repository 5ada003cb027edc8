using Mlops.EventContracts;

namespace Mlops.Deployment.Application;

/// <summary>Deployments and their events, written in one transaction.</summary>
public interface IDeploymentStore
{
    /// <summary>ALREADY_EXISTS when the endpoint has a deployment of that name; NOT_FOUND when the endpoint is gone.</summary>
    Task AddAsync(DeploymentInfo deployment, DeploymentCreated created, CancellationToken cancellationToken);

    Task<DeploymentInfo?> FindAsync(string endpoint, string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeploymentInfo>> ListAsync(string endpoint, CancellationToken cancellationToken);

    /// <summary>
    /// NOT_FOUND when the endpoint or the deployment does not exist; FAILED_PRECONDITION while the endpoint's traffic
    /// names it. Checked and deleted under the endpoint's traffic lock, so no traffic change can slip in between.
    /// </summary>
    Task DeleteAsync(string endpoint, string name, Func<EndpointInfo, DeploymentInfo, DeploymentDeleted> deleted, CancellationToken cancellationToken);
}
