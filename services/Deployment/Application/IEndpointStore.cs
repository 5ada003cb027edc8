using Mlops.EventContracts;

namespace Mlops.Deployment.Application;

/// <summary>Endpoints, each with its traffic row, and their events, written in one transaction.</summary>
public interface IEndpointStore
{
    /// <summary>Adds the endpoint with empty traffic. ALREADY_EXISTS when the name is taken.</summary>
    Task AddAsync(EndpointInfo endpoint, EndpointCreated created, CancellationToken cancellationToken);

    Task<EndpointInfo?> FindAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<EndpointInfo>> ListAsync(string? environment, string? afterName, int take, CancellationToken cancellationToken);

    /// <summary>NOT_FOUND when it does not exist; FAILED_PRECONDITION while it has deployments.</summary>
    Task DeleteAsync(string name, Func<EndpointInfo, EndpointDeleted> deleted, CancellationToken cancellationToken);
}
