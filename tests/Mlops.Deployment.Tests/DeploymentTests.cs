using Mlops.Deployment.Tests.Infrastructure;
using Mlops.Deployment.V1;
using Mlops.Grpc;
using Mlops.Testing;

namespace Mlops.Deployment.Tests;

[Collection(DeploymentCollection.Name)]
public sealed class DeploymentTests(DeploymentFixture fixture)
{
    private readonly DeploymentClient _client = fixture.Client;

    [Fact]
    public async Task A_deployment_by_number_stores_the_registry_version_and_digest()
    {
        await _client.CreateEndpointAsync("by-number");

        var created = await _client.CreateDeploymentAsync(new CreateDeploymentRequest
        {
            Endpoint = "by-number",
            Name = "blue",
            Model = new V1.ModelReference { ModelName = DeploymentFixture.ModelName, Version = 1 },
            Runtime = new Runtime { Kind = RuntimeKind.External, ExternalUrl = "http://127.0.0.1:9/v2" },
            Replicas = 3,
        });

        Assert.Equal((1, fixture.Version1.ArtifactSha256), (created.ModelVersion, created.ArtifactSha256));
        Assert.Equal(("default", DeploymentFixture.ModelName, 1), (created.Model.Workspace, created.Model.ModelName, created.Model.Version));
        Assert.Equal((RuntimeKind.External, "http://127.0.0.1:9/v2", 3), (created.Runtime.Kind, created.Runtime.ExternalUrl, created.Replicas));
        Assert.Equal(created, await _client.GetDeploymentAsync("by-number", "blue"));
        var published = await Eventually.ResultAsync(
            () => fixture.DeploymentCreatedEvents.FirstOrDefault(e => e.Endpoint == "by-number" && e.Deployment == "blue"), "DeploymentCreated");
        Assert.Equal(
            (DeploymentFixture.ModelName, 1, "", fixture.Version1.ArtifactSha256, "EXTERNAL", "staging", "endpoints/by-number/deployments/blue"),
            (published.ModelName, published.ModelVersion, published.ModelAlias, published.ArtifactDigest, published.Runtime, published.Environment, published.Subject));
    }

    [Fact]
    public async Task A_deployment_by_alias_resolves_to_the_version_the_alias_points_at()
    {
        await _client.CreateEndpointAsync("by-alias");

        var created = await _client.CreateDeploymentAsync("by-alias", "green", DeploymentFixture.ModelName, alias: DeploymentFixture.ChampionAlias);

        Assert.Equal((2, fixture.Version2.ArtifactSha256), (created.ModelVersion, created.ArtifactSha256));
        Assert.Equal(DeploymentFixture.ChampionAlias, created.Model.Alias);
        Assert.Equal((RuntimeKind.Builtin, 1), (created.Runtime.Kind, created.Replicas));
        var latest = await _client.CreateDeploymentAsync("by-alias", "latest", DeploymentFixture.ModelName, alias: "latest");
        Assert.Equal(2, latest.ModelVersion);
    }

    [Fact]
    public async Task Unknown_models_versions_and_aliases_are_not_found_with_the_registry_message()
    {
        await _client.CreateEndpointAsync("unknowns");

        var alias = await Refusals.AssertAsync(StatusCode.NotFound, () => _client.CreateDeploymentAsync("unknowns", "a", DeploymentFixture.ModelName, alias: "nobody-set-me"));
        var version = await Refusals.AssertAsync(StatusCode.NotFound, () => _client.CreateDeploymentAsync("unknowns", "b", DeploymentFixture.ModelName, version: 99));
        var model = await Refusals.AssertAsync(StatusCode.NotFound, () => _client.CreateDeploymentAsync("unknowns", "c", "no-such-model", version: 1));

        Assert.Contains("nobody-set-me", alias, StringComparison.Ordinal);
        Assert.Contains("99", version, StringComparison.Ordinal);
        Assert.Contains("no-such-model", model, StringComparison.Ordinal);
        Assert.Empty((await _client.ListDeploymentsAsync("unknowns")).Deployments);
    }

    [Fact]
    public async Task Bad_deployments_are_invalid_argument_naming_the_field()
    {
        await _client.CreateEndpointAsync("bad-deployments");
        var good = new CreateDeploymentRequest { Endpoint = "bad-deployments", Name = "d", Model = new V1.ModelReference { ModelName = DeploymentFixture.ModelName, Version = 1 } };

        async Task<string> Refused(Action<CreateDeploymentRequest> spoil)
        {
            var request = good.Clone();
            spoil(request);
            return await Refusals.AssertAsync(StatusCode.InvalidArgument, () => _client.CreateDeploymentAsync(request));
        }

        Assert.StartsWith("name", await Refused(r => r.Name = "Bad_Name"), StringComparison.Ordinal);
        Assert.StartsWith("model", await Refused(r => r.Model = null), StringComparison.Ordinal);
        Assert.StartsWith("model.model_name", await Refused(r => r.Model.ModelName = ""), StringComparison.Ordinal);
        Assert.StartsWith("model", await Refused(r => r.Model.ClearSelector()), StringComparison.Ordinal);
        Assert.StartsWith("model.version", await Refused(r => r.Model.Version = -2), StringComparison.Ordinal);
        Assert.StartsWith("runtime.external_url", await Refused(r => r.Runtime = new Runtime { Kind = RuntimeKind.External }), StringComparison.Ordinal);
        Assert.StartsWith("runtime.external_url", await Refused(r => r.Runtime = new Runtime { Kind = RuntimeKind.External, ExternalUrl = "ftp://x" }), StringComparison.Ordinal);
        Assert.StartsWith("runtime.external_url", await Refused(r => r.Runtime = new Runtime { Kind = RuntimeKind.Builtin, ExternalUrl = "http://x" }), StringComparison.Ordinal);
        Assert.StartsWith("replicas", await Refused(r => r.Replicas = 101), StringComparison.Ordinal);
        Assert.StartsWith("replicas", await Refused(r => r.Replicas = -1), StringComparison.Ordinal);
        await Refusals.AssertAsync(StatusCode.NotFound, () => _client.CreateDeploymentAsync("no-such-endpoint", "d", DeploymentFixture.ModelName, version: 1));
    }

    [Fact]
    public async Task A_taken_deployment_name_is_already_exists_and_listing_is_by_name()
    {
        await _client.CreateEndpointAsync("dupes");
        await _client.CreateDeploymentAsync("dupes", "zeta", DeploymentFixture.ModelName, version: 1);
        await _client.CreateDeploymentAsync("dupes", "alpha", DeploymentFixture.ModelName, version: 2);

        await Refusals.AssertAsync(StatusCode.AlreadyExists, () => _client.CreateDeploymentAsync("dupes", "zeta", DeploymentFixture.ModelName, version: 2));

        var listed = await _client.ListDeploymentsAsync("dupes");
        Assert.Equal(["alpha", "zeta"], listed.Deployments.Select(deployment => deployment.Name));
        Assert.Equal([2, 1], listed.Deployments.Select(deployment => deployment.ModelVersion));
        await Refusals.AssertAsync(StatusCode.NotFound, () => _client.ListDeploymentsAsync("no-such-endpoint"));
        await Refusals.AssertAsync(StatusCode.NotFound, () => _client.GetDeploymentAsync("dupes", "beta"));
    }

    [Fact]
    public async Task A_deployment_is_deleted_only_once_it_takes_no_traffic_and_an_endpoint_once_it_has_no_deployments()
    {
        await _client.CreateEndpointAsync("deletions");
        await _client.CreateDeploymentAsync("deletions", "blue", DeploymentFixture.ModelName, version: 1);
        await _client.CreateDeploymentAsync("deletions", "green", DeploymentFixture.ModelName, version: 2);
        var traffic = await _client.SetTrafficAsync(new SetTrafficRequest { Endpoint = "deletions", Weights = { ["blue"] = 100 }, Mirrors = { ["green"] = 20 } });

        var weighted = await Refusals.AssertAsync(StatusCode.FailedPrecondition, () => _client.DeleteDeploymentAsync("deletions", "blue"));
        await Refusals.AssertAsync(StatusCode.FailedPrecondition, () => _client.DeleteDeploymentAsync("deletions", "green"));
        var endpoint = await Refusals.AssertAsync(StatusCode.FailedPrecondition, () => _client.DeleteEndpointAsync("deletions"));
        Assert.Contains("blue", weighted, StringComparison.Ordinal);
        Assert.Contains("deployment", endpoint, StringComparison.Ordinal);

        await _client.SetTrafficAsync(new SetTrafficRequest { Endpoint = "deletions", Weights = { ["blue"] = 100 }, Etag = traffic.Etag });
        await _client.DeleteDeploymentAsync("deletions", "green");
        await Refusals.AssertAsync(StatusCode.NotFound, () => _client.GetDeploymentAsync("deletions", "green"));
        await Refusals.AssertAsync(StatusCode.NotFound, () => _client.DeleteDeploymentAsync("deletions", "green"));
        await _client.SetTrafficAsync(new SetTrafficRequest { Endpoint = "deletions" });
        await _client.DeleteDeploymentAsync("deletions", "blue");
        await _client.DeleteEndpointAsync("deletions");

        var deleted = await Eventually.ResultAsync(
            () => fixture.DeploymentDeletedEvents.FirstOrDefault(e => e.Endpoint == "deletions" && e.Deployment == "green"), "DeploymentDeleted");
        Assert.Equal((DeploymentFixture.ModelName, 2, DeploymentClient.User), (deleted.ModelName, deleted.ModelVersion, deleted.DeletedBy));
        await Eventually.ResultAsync(() => fixture.EndpointDeletedEvents.FirstOrDefault(e => e.Endpoint == "deletions"), "EndpointDeleted");
    }

    [Fact]
    public async Task An_unreachable_registry_is_unavailable_and_environments_come_from_configuration()
    {
        var client = await fixture.StartDeploymentClientAsync(new Uri($"http://127.0.0.1:{FreePorts.Next()}"), new Dictionary<string, string>
        {
            ["Deployment__Environments__0"] = "dev",
            ["Deployment__Environments__1"] = "qa",
            ["Deployment__Environments__2"] = "live",
        });

        var message = await Refusals.AssertAsync(StatusCode.InvalidArgument, () => client.CreateEndpointAsync("isolated", "staging"));
        Assert.Contains("dev, qa, live", message, StringComparison.Ordinal);
        await client.CreateEndpointAsync("isolated", "qa");

        await Refusals.AssertAsync(StatusCode.Unavailable, () => client.CreateDeploymentAsync("isolated", "blue", DeploymentFixture.ModelName, version: 1));
        Assert.Empty((await client.ListDeploymentsAsync("isolated")).Deployments);
    }
}
