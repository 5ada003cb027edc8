using Mlops.EventContracts;
using Mlops.Resources;

namespace Mlops.Deployment.Application;

/// <summary>Creating (with the model resolved through the registry), reading, listing and deleting deployments.</summary>
public sealed class DeploymentUseCases(
    IDeploymentStore store, IEndpointStore endpoints, IModelResolver resolver, ICallerContext caller, TimeProvider timeProvider)
{
    public async Task<DeploymentInfo> CreateAsync(
        string? endpointName, string? name, ModelReference model, RuntimeSpec runtime, int replicas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var endpoint = await FindEndpointAsync(endpointName, cancellationToken).ConfigureAwait(false);
        var validName = DeploymentRules.Name("name", name);
        var validReplicas = DeploymentRules.Replicas(replicas);
        if (await store.FindAsync(endpoint.Name, validName, cancellationToken).ConfigureAwait(false) is not null)
        {
            // Before the registry call: a duplicate should not wait on, or fail because of, another service.
            throw AlreadyExists(endpoint.Name, validName);
        }

        var resolved = await resolver.ResolveAsync(model, cancellationToken).ConfigureAwait(false);
        var deployment = new DeploymentInfo(endpoint.Name, validName, model, resolved, runtime, validReplicas, caller.UserName, Timestamps.Now(timeProvider));
        var created = new DeploymentCreated(
            Guid.NewGuid(), deployment.CreateTime, ResourceNames.Deployment, EventSubjects.Deployment(endpoint.Name, validName), endpoint.Name,
            endpoint.Environment, validName, model.Workspace, model.ModelName, resolved.Version, model.Alias, resolved.ArtifactSha256,
            DeploymentEvents.RuntimeName(runtime.Type), runtime.ExternalUrl, validReplicas, deployment.CreatedBy);
        await store.AddAsync(deployment, created, cancellationToken).ConfigureAwait(false);
        return deployment;
    }

    public async Task<DeploymentInfo> GetAsync(string? endpointName, string? name, CancellationToken cancellationToken)
    {
        var validEndpoint = DeploymentRules.Name("endpoint", endpointName);
        var validName = DeploymentRules.Name("name", name);
        return await store.FindAsync(validEndpoint, validName, cancellationToken).ConfigureAwait(false)
            ?? throw DeploymentException.NotFound($"Deployment '{validName}' does not exist on endpoint '{validEndpoint}'.");
    }

    public async Task<IReadOnlyList<DeploymentInfo>> ListAsync(string? endpointName, CancellationToken cancellationToken)
    {
        var endpoint = await FindEndpointAsync(endpointName, cancellationToken).ConfigureAwait(false);
        return await store.ListAsync(endpoint.Name, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string? endpointName, string? name, CancellationToken cancellationToken)
    {
        var validEndpoint = DeploymentRules.Name("endpoint", endpointName);
        var validName = DeploymentRules.Name("name", name);
        var deletedBy = caller.UserName;
        var now = Timestamps.Now(timeProvider);
        await store.DeleteAsync(
            validEndpoint,
            validName,
            (endpoint, deployment) => new DeploymentDeleted(
                Guid.NewGuid(), now, ResourceNames.Deployment, EventSubjects.Deployment(endpoint.Name, deployment.Name), endpoint.Name, endpoint.Environment,
                deployment.Name, deployment.Model.Workspace, deployment.Model.ModelName, deployment.Resolved.Version, deletedBy),
            cancellationToken).ConfigureAwait(false);
    }

    public static DeploymentException AlreadyExists(string endpoint, string name) =>
        DeploymentException.AlreadyExists($"Deployment '{name}' already exists on endpoint '{endpoint}'.");

    private async Task<EndpointInfo> FindEndpointAsync(string? endpointName, CancellationToken cancellationToken)
    {
        var validEndpoint = DeploymentRules.Name("endpoint", endpointName);
        return await endpoints.FindAsync(validEndpoint, cancellationToken).ConfigureAwait(false)
            ?? throw DeploymentException.NotFound($"Endpoint '{validEndpoint}' does not exist.");
    }
}
