using Mlops.Deployment.V1;
using Mlops.Grpc;
using Mlops.Inference;
using Mlops.Testing;

namespace Mlops.Deployment.Tests.Gateway;

[Collection(GatewayCollection.Name)]
public sealed class GatewayRoutingTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Weights_of_70_and_30_share_the_requests_about_so()
    {
        await fixture.DeployAsync("split", ("blue", GatewayFixture.XgbModel, fixture.XgbVersion.Version), ("green", GatewayFixture.XgbModel, fixture.XgbVersion.Version));
        await fixture.Client.SetWeightsAsync("split", "", ("blue", 70), ("green", 30));
        var row = fixture.Xgb.Row(1);
        await Probes.UntilAsync(() => Probes.UnlessAsync(StatusCode.Unavailable, () => fixture.Inference.InferRowsAsync("split", null, row, 20)), "the traffic reaches the gateway");

        const int Requests = 2000;
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            var green = 0;
            for (var i = 0; i < Requests / 8; i++)
            {
                var response = await fixture.Inference.InferRowsAsync("split", null, row, 20);
                green += response.ModelVersion == "green" ? 1 : response.ModelVersion == "blue" ? 0 : throw new InvalidOperationException(response.ModelVersion);
            }

            return green;
        }));

        // 2000 draws at 30 %: one standard deviation is about 1 point, so 24..36 % fails only a broken split.
        var share = answers.Sum() / (double)Requests;
        Assert.InRange(share, 0.24, 0.36);
    }

    [Fact]
    public async Task A_sticky_header_sends_each_value_to_one_deployment_and_spreads_the_values()
    {
        await fixture.DeployAsync("sticky", ("blue", GatewayFixture.XgbModel, fixture.XgbVersion.Version), ("green", GatewayFixture.XgbModel, fixture.XgbVersion.Version));
        var request = new SetTrafficRequest { Endpoint = "sticky", StickyHeader = "x-user" };
        request.Weights["blue"] = 50;
        request.Weights["green"] = 50;
        await fixture.Client.SetTrafficAsync(request);
        var row = fixture.Xgb.Row(2);
        await Probes.UntilAsync(() => Probes.UnlessAsync(StatusCode.Unavailable, () => fixture.Inference.InferRowsAsync("sticky", null, row, 20)), "the traffic reaches the gateway");

        var byUser = new Dictionary<string, HashSet<string>>();
        for (var user = 0; user < 40; user++)
        {
            var name = $"user-{user}";
            byUser[name] = [];
            for (var attempt = 0; attempt < 5; attempt++)
            {
                var response = await fixture.Inference.InferRowsAsync("sticky", null, row, 20, headers: new Metadata().Add("x-user", name));
                byUser[name].Add(response.ModelVersion!);
            }
        }

        Assert.All(byUser, user => Assert.True(user.Value.Count == 1, $"{user.Key} went to {string.Join(", ", user.Value)}"));
        var blue = byUser.Count(user => user.Value.Contains("blue"));

        // 40 users at 50 %: all on one side would happen once in 5e11.
        Assert.InRange(blue, 5, 35);
    }

    [Fact]
    public async Task A_version_names_a_deployment_which_answers_whatever_the_traffic()
    {
        await fixture.DeployAsync("direct", ("blue", GatewayFixture.XgbModel, fixture.XgbVersion.Version), ("green", GatewayFixture.XgbModel, fixture.XgbVersion.Version));
        await fixture.Client.SetWeightsAsync("direct", "", ("blue", 100));
        var xgb = fixture.Xgb;

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => fixture.Inference.InferRowsAsync("direct", "green", xgb.Row(3), 20)));

        Assert.All(responses, response => Assert.Equal("green", response.ModelVersion));
        xgb.AssertMatches(InferenceClient.Values(responses[0].Outputs[0]), firstRow: 3);
    }

    [Fact]
    public async Task A_deleted_deployment_is_unloaded()
    {
        await fixture.DeployAsync("deleted", ("blue", GatewayFixture.XgbModel, fixture.XgbVersion.Version), ("green", GatewayFixture.XgbModel, fixture.XgbVersion.Version));
        var row = fixture.Xgb.Row(6);
        await fixture.Inference.InferRowsAsync("deleted", "green", row, 20);

        await fixture.Client.DeleteDeploymentAsync("deleted", "green");

        await Eventually.UntilAsync(
            async () => await Probes.RefusalAsync(() => fixture.Inference.InferRowsAsync("deleted", "green", row, 20)) is { StatusCode: StatusCode.NotFound },
            "green gone from the gateway");
        Assert.Equal("blue", (await fixture.Inference.InferRowsAsync("deleted", "blue", row, 20)).ModelVersion);
    }

    [Fact]
    public async Task Mirrors_get_copies_in_the_background_whose_answers_are_recorded_and_never_returned()
    {
        await fixture.DeployAsync(
            "mirrored", ("blue", GatewayFixture.XgbModel, fixture.XgbVersion.Version), ("shadow", GatewayFixture.XgbModel, fixture.XgbVersion.Version),
            ("wrong", GatewayFixture.LinearModel, fixture.LinearVersion.Version));
        var request = new SetTrafficRequest { Endpoint = "mirrored" };
        request.Weights["blue"] = 100;
        request.Mirrors["shadow"] = 25;
        request.Mirrors["wrong"] = 25;
        await fixture.Client.SetTrafficAsync(request);
        var xgb = fixture.Xgb;
        await Probes.UntilAsync(() => Probes.UnlessAsync(StatusCode.Unavailable, () => fixture.Inference.InferRowsAsync("mirrored", null, xgb.Row(0), 20)), "the traffic reaches the gateway");

        var ids = Enumerable.Range(0, 60).Select(i => $"mirrored-{i}").ToList();
        var responses = new List<InferenceResponse>();
        foreach (var id in ids)
        {
            responses.Add(await fixture.Inference.InferRowsAsync("mirrored", null, xgb.Row(4), 20, id: id));
        }

        // Every answer is the primary's: a mirror that fails (the linear model takes other inputs) fails nobody.
        Assert.All(responses, response => Assert.Equal("blue", response.ModelVersion));
        Assert.Equal(ids, responses.Select(r => r.Id));
        var primaries = await Probes.UntilAsync(
            () => Task.FromResult(Recorded(ids, mirrored: false) is { Count: 60 } all ? all : null), "a record of every primary answer");
        var shadow = await Probes.UntilAsync(
            () => Task.FromResult(Recorded(ids, mirrored: true).Where(r => r.Deployment == "shadow").ToList() is { Count: > 0 } some ? some : null), "records of the shadow's answers");
        var wrong = await Probes.UntilAsync(
            () => Task.FromResult(Recorded(ids, mirrored: true).Where(r => r.Deployment == "wrong").ToList() is { Count: > 0 } some ? some : null), "records of the wrong mirror's errors");

        Assert.All(primaries, record => Assert.Equal("blue", record.Deployment));
        Assert.True(shadow.Count < 60, "a mirror at 25 % got every request");
        Assert.All(shadow, record => Assert.Equal((string.Empty, primaries[0].Outputs[0].Values[0]), (record.Error, record.Outputs[0].Values[0])));
        Assert.All(wrong, record => Assert.Contains("'input'", record.Error, StringComparison.Ordinal));
        Assert.All(wrong, record => Assert.Empty(record.Outputs));
    }

    private List<EventContracts.InferenceRecorded> Recorded(List<string> ids, bool mirrored) =>
        [.. fixture.Records.Where(r => r.Mirrored == mirrored && r.Endpoint == "mirrored" && ids.Contains(r.RequestId))];
}
