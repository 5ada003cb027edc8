using Mlops.Deployment.Tests.Infrastructure;
using Mlops.Deployment.V1;
using Mlops.Grpc;
using Mlops.Testing;

namespace Mlops.Deployment.Tests;

[Collection(DeploymentCollection.Name)]
public sealed class EndpointTests(DeploymentFixture fixture)
{
    private readonly DeploymentClient _client = fixture.Client;

    [Fact]
    public async Task An_endpoint_is_created_read_and_deleted_and_its_events_published()
    {
        var request = new CreateEndpointRequest
        {
            Name = "fraud-api",
            Environment = "production",
            Description = "fraud scoring",
            P95LatencyLimitMs = 50,
            Rollout = new RolloutStrategy { Kind = RolloutKind.Canary, CanarySteps = { 10, 50, 100 }, BakeSeconds = 300 },
        };

        var created = await _client.CreateEndpointAsync(request);

        Assert.Equal(("fraud-api", "production", "fraud scoring", 50), (created.Name, created.Environment, created.Description, created.P95LatencyLimitMs));
        Assert.Equal(RolloutKind.Canary, created.Rollout.Kind);
        Assert.Equal([10, 50, 100], created.Rollout.CanarySteps);
        Assert.Equal(300, created.Rollout.BakeSeconds);
        Assert.Equal(DeploymentClient.User, created.CreatedBy);
        Assert.Equal(created, await _client.GetEndpointAsync("fraud-api"));
        var createdEvent = await Eventually.ResultAsync(() => fixture.EndpointCreatedEvents.FirstOrDefault(e => e.Endpoint == "fraud-api"), "EndpointCreated");
        Assert.Equal(("production", "CANARY", 300, "endpoints/fraud-api"), (createdEvent.Environment, createdEvent.Rollout, createdEvent.BakeSeconds, createdEvent.Subject));
        Assert.Equal([10, 50, 100], createdEvent.CanarySteps);

        await _client.DeleteEndpointAsync("fraud-api");

        await Refusals.AssertAsync(StatusCode.NotFound, () => _client.GetEndpointAsync("fraud-api"));
        await Refusals.AssertAsync(StatusCode.NotFound, () => _client.GetTrafficAsync("fraud-api"));
        await Refusals.AssertAsync(StatusCode.NotFound, () => _client.DeleteEndpointAsync("fraud-api"));
        var deletedEvent = await Eventually.ResultAsync(() => fixture.EndpointDeletedEvents.FirstOrDefault(e => e.Endpoint == "fraud-api"), "EndpointDeleted");
        Assert.Equal(("production", DeploymentClient.User), (deletedEvent.Environment, deletedEvent.DeletedBy));
    }

    [Fact]
    public async Task Blue_green_is_the_default_rollout()
    {
        var created = await _client.CreateEndpointAsync("plain-api");

        Assert.Equal(RolloutKind.BlueGreen, created.Rollout.Kind);
        Assert.Empty(created.Rollout.CanarySteps);
    }

    [Fact]
    public async Task A_taken_name_is_already_exists()
    {
        await _client.CreateEndpointAsync("taken-api");

        await Refusals.AssertAsync(StatusCode.AlreadyExists, () => _client.CreateEndpointAsync("taken-api", "production"));
    }

    [Fact]
    public async Task An_unknown_environment_is_refused_naming_the_allowed_ones()
    {
        var message = await Refusals.AssertAsync(StatusCode.InvalidArgument, () => _client.CreateEndpointAsync("qa-api", "qa"));

        Assert.Contains("environment", message, StringComparison.Ordinal);
        Assert.Contains("staging, production", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Upper", "name")]
    [InlineData("-dash", "name")]
    [InlineData("", "name")]
    public async Task A_bad_name_is_invalid_argument_naming_the_field(string name, string field)
    {
        var message = await Refusals.AssertAsync(StatusCode.InvalidArgument, () => _client.CreateEndpointAsync(name));

        Assert.StartsWith(field, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RolloutKind.Canary, new int[0], 0, "rollout.canary_steps")]
    [InlineData(RolloutKind.Canary, new[] { 50, 10, 100 }, 0, "rollout.canary_steps")]
    [InlineData(RolloutKind.Canary, new[] { 10, 50 }, 0, "rollout.canary_steps")]
    [InlineData(RolloutKind.BlueGreen, new[] { 100 }, 0, "rollout.canary_steps")]
    [InlineData(RolloutKind.Canary, new[] { 10, 100 }, -1, "rollout.bake_seconds")]
    public async Task A_bad_rollout_is_invalid_argument_naming_the_field(RolloutKind kind, int[] steps, int bakeSeconds, string field)
    {
        var request = new CreateEndpointRequest { Name = "bad-rollout", Environment = "staging", Rollout = new RolloutStrategy { Kind = kind, BakeSeconds = bakeSeconds } };
        request.Rollout.CanarySteps.AddRange(steps);

        var message = await Refusals.AssertAsync(StatusCode.InvalidArgument, () => _client.CreateEndpointAsync(request));

        Assert.StartsWith(field, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_negative_latency_limit_is_invalid_argument()
    {
        var message = await Refusals.AssertAsync(
            StatusCode.InvalidArgument, () => _client.CreateEndpointAsync(new CreateEndpointRequest { Name = "slow-api", Environment = "staging", P95LatencyLimitMs = -5 }));

        Assert.StartsWith("p95_latency_limit_ms", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listing_pages_through_one_environment_in_name_order()
    {
        string[] names = ["list-c", "list-a", "list-e", "list-b", "list-d"];
        foreach (var name in names)
        {
            await _client.CreateEndpointAsync(name, "production");
        }

        await _client.CreateEndpointAsync("list-staging", "staging");
        var seen = new List<string>();
        var token = "";
        var pages = 0;
        do
        {
            var page = await _client.ListEndpointsAsync("production", 2, token);
            Assert.True(page.Endpoints.Count <= 2);
            Assert.All(page.Endpoints, endpoint => Assert.Equal("production", endpoint.Environment));
            seen.AddRange(page.Endpoints.Select(endpoint => endpoint.Name));
            token = page.NextPageToken;
            pages++;
        }
        while (token.Length > 0);

        var mine = seen.Where(name => name.StartsWith("list-", StringComparison.Ordinal)).ToList();
        Assert.Equal(["list-a", "list-b", "list-c", "list-d", "list-e"], mine);
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
        Assert.True(pages >= 3);
        await Refusals.AssertAsync(StatusCode.InvalidArgument, () => _client.ListEndpointsAsync("production", 2, "not-a-token"));
    }
}
