namespace Mlops.Deployment.Application;

/// <summary>Creating, reading, listing and deleting promotion routes.</summary>
public sealed class PromotionRouteUseCases(
    IPromotionStore store, IEndpointStore endpoints, EnvironmentCatalog environments, ICallerContext caller, TimeProvider timeProvider)
{
    public async Task<PromotionRoute> CreateAsync(
        string? workspace, string? modelName, string? stagingEndpoint, string? productionEndpoint, IReadOnlyList<string> approvers, int gateTimeoutSeconds,
        PromotionChecks checks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var production = await EndpointAsync("route.production_endpoint", productionEndpoint, cancellationToken).ConfigureAwait(false);
        var productionEnvironment = environments.Ordered[^1];
        if (production.Environment != productionEnvironment)
        {
            throw DeploymentException.Invalid(
                $"route.production_endpoint '{production.Name}' is in environment '{production.Environment}': a production endpoint must be in '{productionEnvironment}'.");
        }

        var staging = "";
        if (!string.IsNullOrEmpty(stagingEndpoint))
        {
            var endpoint = await EndpointAsync("route.staging_endpoint", stagingEndpoint, cancellationToken).ConfigureAwait(false);
            staging = endpoint.Environment != productionEnvironment
                ? endpoint.Name
                : throw DeploymentException.Invalid(
                    $"route.staging_endpoint '{endpoint.Name}' is in environment '{endpoint.Environment}': staging must come before '{productionEnvironment}'.");
        }

        var route = new PromotionRoute(
            PromotionRules.Workspace(workspace),
            PromotionRules.ModelName("route.model_name", modelName),
            staging,
            production.Name,
            PromotionRules.Approvers(approvers),
            PromotionRules.GateTimeout(gateTimeoutSeconds),
            checks,
            caller.UserName,
            Timestamps.Now(timeProvider));
        await store.AddRouteAsync(route, cancellationToken).ConfigureAwait(false);
        return route;
    }

    public async Task<PromotionRoute> GetAsync(string? workspace, string? modelName, CancellationToken cancellationToken)
    {
        var validWorkspace = PromotionRules.Workspace(workspace);
        var validModel = PromotionRules.ModelName("model_name", modelName);
        return await store.FindRouteAsync(validWorkspace, validModel, cancellationToken).ConfigureAwait(false)
            ?? throw NoRoute(validWorkspace, validModel);
    }

    public async Task<PromotionRoutePage> ListAsync(int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        var size = DeploymentRules.PageSize(pageSize);
        var fetched = await store.ListRoutesAsync(PromotionPageTokens.DecodeRoute(pageToken), size + 1, cancellationToken).ConfigureAwait(false);
        return fetched.Count > size
            ? new PromotionRoutePage(fetched.Take(size).ToList(), PromotionPageTokens.EncodeRoute(fetched[size - 1]))
            : new PromotionRoutePage(fetched, "");
    }

    public async Task DeleteAsync(string? workspace, string? modelName, CancellationToken cancellationToken) =>
        await store.DeleteRouteAsync(PromotionRules.Workspace(workspace), PromotionRules.ModelName("model_name", modelName), cancellationToken).ConfigureAwait(false);

    public static DeploymentException NoRoute(string workspace, string modelName) =>
        DeploymentException.NotFound($"Model '{modelName}' in workspace '{workspace}' has no promotion route: create one with Promotions.CreateRoute.");

    private async Task<EndpointInfo> EndpointAsync(string field, string? name, CancellationToken cancellationToken)
    {
        var validName = DeploymentRules.Name(field, name);
        return await endpoints.FindAsync(validName, cancellationToken).ConfigureAwait(false)
            ?? throw DeploymentException.NotFound($"{field}: endpoint '{validName}' does not exist.");
    }
}
