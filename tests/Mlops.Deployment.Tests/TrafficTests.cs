using Mlops.Deployment.Tests.Infrastructure;
using Mlops.Deployment.V1;
using Mlops.Grpc;
using Mlops.Testing;

namespace Mlops.Deployment.Tests;

[Collection(DeploymentCollection.Name)]
public sealed class TrafficTests(DeploymentFixture fixture)
{
    private readonly DeploymentClient _client = fixture.Client;

    [Fact]
    public async Task Traffic_starts_empty_and_is_replaced_whole_with_a_new_etag_and_an_event()
    {
        await EndpointWithAsync("split", "blue", "green", "shadow");

        var initial = await _client.GetTrafficAsync("split");
        Assert.Empty(initial.Weights);
        Assert.Empty(initial.Mirrors);
        Assert.Null(initial.UpdateTime);

        var changed = await _client.SetTrafficAsync(new SetTrafficRequest
        {
            Endpoint = "split",
            Weights = { ["blue"] = 90, ["green"] = 10 },
            Mirrors = { ["shadow"] = 50 },
            StickyHeader = "x-user-id",
            Etag = initial.Etag,
        });

        Assert.NotEqual(initial.Etag, changed.Etag);
        Assert.Equal(new Dictionary<string, int> { ["blue"] = 90, ["green"] = 10 }, changed.Weights);
        Assert.Equal(new Dictionary<string, int> { ["shadow"] = 50 }, changed.Mirrors);
        Assert.Equal(("x-user-id", DeploymentClient.User), (changed.StickyHeader, changed.UpdatedBy));
        Assert.NotNull(changed.UpdateTime);
        Assert.Equal(changed, await _client.GetTrafficAsync("split"));

        var replaced = await _client.SetWeightsAsync("split", changed.Etag, ("green", 100), ("blue", 0));
        Assert.Equal(new Dictionary<string, int> { ["green"] = 100 }, replaced.Weights);
        Assert.Empty(replaced.Mirrors);
        Assert.Equal("", replaced.StickyHeader);

        var first = await Eventually.ResultAsync(() => fixture.TrafficEvents.FirstOrDefault(e => e.Endpoint == "split" && e.Revision == 1), "TrafficChanged 1");
        Assert.Equal(new Dictionary<string, int> { ["blue"] = 90, ["green"] = 10 }, first.Weights);
        Assert.Equal(new Dictionary<string, int> { ["shadow"] = 50 }, first.Mirrors);
        Assert.Equal(("x-user-id", "staging", "endpoints/split/traffic"), (first.StickyHeader, first.Environment, first.Subject));
        var second = await Eventually.ResultAsync(() => fixture.TrafficEvents.FirstOrDefault(e => e.Endpoint == "split" && e.Revision == 2), "TrafficChanged 2");
        Assert.Equal(new Dictionary<string, int> { ["green"] = 100 }, second.Weights);
    }

    [Theory]
    [InlineData(new[] { 60, 39 }, new[] { 0 }, "weights")]
    [InlineData(new[] { 60, 41 }, new[] { 0 }, "weights")]
    [InlineData(new[] { 110, -10 }, new[] { 0 }, "weights")]
    [InlineData(new[] { 100, 0 }, new[] { 51 }, "mirrors")]
    [InlineData(new[] { 100, 0 }, new[] { -1 }, "mirrors")]
    [InlineData(new[] { 0, 0 }, new[] { 10 }, "")]
    public async Task Bad_splits_are_invalid_argument_naming_the_field_and_change_nothing(int[] weights, int[] mirrors, string field)
    {
        var endpoint = $"bad-split-{Guid.NewGuid():N}"[..20];
        await EndpointWithAsync(endpoint, "blue", "green", "shadow");
        var before = await _client.GetTrafficAsync(endpoint);
        var request = new SetTrafficRequest { Endpoint = endpoint, Weights = { ["blue"] = weights[0], ["green"] = weights[1] }, Mirrors = { ["shadow"] = mirrors[0] } };

        if (field.Length == 0)
        {
            // No weights but a mirror: valid (nothing takes traffic yet, so nothing is copied either).
            await _client.SetTrafficAsync(request);
            return;
        }

        var message = await Refusals.AssertAsync(StatusCode.InvalidArgument, () => _client.SetTrafficAsync(request));

        Assert.StartsWith(field, message, StringComparison.Ordinal);
        Assert.Equal(before, await _client.GetTrafficAsync(endpoint));
    }

    [Fact]
    public async Task A_deployment_both_weighted_and_mirrored_is_invalid_argument()
    {
        await EndpointWithAsync("weighted-mirror", "blue", "green");

        var message = await Refusals.AssertAsync(
            StatusCode.InvalidArgument,
            () => _client.SetTrafficAsync(new SetTrafficRequest { Endpoint = "weighted-mirror", Weights = { ["blue"] = 100 }, Mirrors = { ["blue"] = 10 } }));

        Assert.StartsWith("mirrors", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_deployment_in_weights_or_mirrors_is_not_found()
    {
        await EndpointWithAsync("unknown-split", "blue");

        var weights = await Refusals.AssertAsync(StatusCode.NotFound, () => _client.SetWeightsAsync("unknown-split", "", ("blue", 50), ("purple", 50)));
        var mirrors = await Refusals.AssertAsync(
            StatusCode.NotFound,
            () => _client.SetTrafficAsync(new SetTrafficRequest { Endpoint = "unknown-split", Weights = { ["blue"] = 100 }, Mirrors = { ["ghost"] = 5 } }));

        Assert.Contains("weights", weights, StringComparison.Ordinal);
        Assert.Contains("purple", weights, StringComparison.Ordinal);
        Assert.Contains("mirrors", mirrors, StringComparison.Ordinal);
        Assert.Empty((await _client.GetTrafficAsync("unknown-split")).Weights);
        await Refusals.AssertAsync(StatusCode.NotFound, () => _client.SetWeightsAsync("no-such-endpoint", "", ("blue", 100)));
    }

    [Fact]
    public async Task A_stale_etag_is_aborted_and_a_bad_one_invalid()
    {
        await EndpointWithAsync("stale", "blue", "green");
        var initial = await _client.GetTrafficAsync("stale");
        await _client.SetWeightsAsync("stale", initial.Etag, ("blue", 100));

        await Refusals.AssertAsync(StatusCode.Aborted, () => _client.SetWeightsAsync("stale", initial.Etag, ("green", 100)));
        await Refusals.AssertAsync(StatusCode.InvalidArgument, () => _client.SetWeightsAsync("stale", "yesterday", ("green", 100)));
        Assert.Equal(new Dictionary<string, int> { ["blue"] = 100 }, (await _client.GetTrafficAsync("stale")).Weights);
    }

    [Fact]
    public async Task Of_concurrent_changes_with_one_etag_exactly_one_wins()
    {
        await EndpointWithAsync("race", "blue", "green");
        for (var round = 0; round < 5; round++)
        {
            var etag = (await _client.GetTrafficAsync("race")).Etag;
            var calls = Enumerable.Range(0, 6)
                .Select(i => Outcome(_client.SetWeightsAsync("race", etag, ("blue", 10 * (i + 1)), ("green", 100 - (10 * (i + 1))))))
                .ToList();

            var outcomes = await Task.WhenAll(calls);

            Assert.Equal(1, outcomes.Count(outcome => outcome.Traffic is not null));
            Assert.All(outcomes.Where(outcome => outcome.Traffic is null), outcome => Assert.Equal(StatusCode.Aborted, outcome.Code));
            var winner = outcomes.Single(outcome => outcome.Traffic is not null).Traffic!;
            Assert.Equal(winner, await _client.GetTrafficAsync("race"));
        }
    }

    private static async Task<(Traffic? Traffic, StatusCode Code)> Outcome(Task<Traffic> call)
    {
        try
        {
            return (await call, StatusCode.OK);
        }
        catch (RpcException e)
        {
            return (null, e.StatusCode);
        }
    }

    private async Task EndpointWithAsync(string endpoint, params string[] deployments)
    {
        await _client.CreateEndpointAsync(endpoint);
        foreach (var deployment in deployments)
        {
            await _client.CreateDeploymentAsync(endpoint, deployment, DeploymentFixture.ModelName, version: 1);
        }
    }
}
