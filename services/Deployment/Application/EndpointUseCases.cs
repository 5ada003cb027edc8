using Mlops.EventContracts;
using Mlops.Resources;

namespace Mlops.Deployment.Application;

/// <summary>Creating, reading, listing and deleting endpoints.</summary>
public sealed class EndpointUseCases(IEndpointStore store, EnvironmentCatalog environments, ICallerContext caller, TimeProvider timeProvider)
{
    public async Task<EndpointInfo> CreateAsync(
        string? name, string? environment, string? description, int p95LatencyLimitMs, RolloutMode rollout, IReadOnlyList<int> canarySteps, int bakeSeconds,
        CancellationToken cancellationToken)
    {
        var endpoint = new EndpointInfo(
            DeploymentRules.Name("name", name),
            environments.Validate("environment", environment),
            DeploymentRules.Description("description", description),
            DeploymentRules.LatencyLimit("p95_latency_limit_ms", p95LatencyLimitMs),
            DeploymentRules.Rollout(rollout, canarySteps, bakeSeconds),
            caller.UserName,
            Timestamps.Now(timeProvider));
        var created = new EndpointCreated(
            Guid.NewGuid(), endpoint.CreateTime, ResourceNames.Deployment, EventSubjects.Endpoint(endpoint.Name), endpoint.Name, endpoint.Environment,
            endpoint.Description, endpoint.P95LatencyLimitMs, DeploymentEvents.RolloutName(endpoint.Rollout.Mode), endpoint.Rollout.CanarySteps,
            endpoint.Rollout.BakeSeconds, endpoint.CreatedBy);
        await store.AddAsync(endpoint, created, cancellationToken).ConfigureAwait(false);
        return endpoint;
    }

    public async Task<EndpointInfo> GetAsync(string? name, CancellationToken cancellationToken)
    {
        var validName = DeploymentRules.Name("name", name);
        return await store.FindAsync(validName, cancellationToken).ConfigureAwait(false)
            ?? throw DeploymentException.NotFound($"Endpoint '{validName}' does not exist.");
    }

    public async Task<EndpointPage> ListAsync(string? environment, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        var validEnvironment = string.IsNullOrEmpty(environment) ? null : environments.Validate("environment", environment);
        var size = DeploymentRules.PageSize(pageSize);
        var after = PageTokens.Decode(pageToken);
        var fetched = await store.ListAsync(validEnvironment, after, size + 1, cancellationToken).ConfigureAwait(false);

        // One more than the page asked for tells whether another page follows.
        return fetched.Count > size
            ? new EndpointPage(fetched.Take(size).ToList(), PageTokens.Encode(fetched[size - 1].Name))
            : new EndpointPage(fetched, "");
    }

    public async Task DeleteAsync(string? name, CancellationToken cancellationToken)
    {
        var validName = DeploymentRules.Name("name", name);
        var deletedBy = caller.UserName;
        var now = Timestamps.Now(timeProvider);
        await store.DeleteAsync(
            validName,
            endpoint => new EndpointDeleted(
                Guid.NewGuid(), now, ResourceNames.Deployment, EventSubjects.Endpoint(endpoint.Name), endpoint.Name, endpoint.Environment, deletedBy),
            cancellationToken).ConfigureAwait(false);
    }
}
