using Mlops.Deployment.Tests.Infrastructure;
using Mlops.Grpc;
using Mlops.Inference;

namespace Mlops.Deployment.Tests.Gateway;

[Collection(GatewayCollection.Name)]
public sealed class GatewayInferenceTests(GatewayFixture fixture)
{
    [Fact]
    public async Task An_xgboost_deployment_answers_over_grpc_as_xgboost_itself_predicts()
    {
        await fixture.DeployAsync("xgb-grpc", ("blue", GatewayFixture.XgbModel, fixture.XgbVersion.Version));
        await fixture.Client.SetWeightsAsync("xgb-grpc", "", ("blue", 100));
        var xgb = fixture.Xgb;

        var response = await Probes.UntilAsync(
            () => Probes.UnlessAsync(StatusCode.Unavailable, () => fixture.Inference.InferRowsAsync("xgb-grpc", null, xgb.Rows, xgb.FeatureCount)),
            "the traffic reaches the gateway");

        var output = Assert.Single(response.Outputs);
        Assert.Equal(("probability", TensorDataType.Fp32), (output.Name, output.DataType));
        Assert.Equal([xgb.RowCount, 1L], output.Shape);
        Assert.Equal(("xgb-grpc", "blue"), (response.ModelName, response.ModelVersion));
        xgb.AssertMatches(InferenceClient.Values(output));
    }

    [Fact]
    public async Task A_model_without_a_signature_gets_metadata_derived_from_the_model()
    {
        await fixture.DeployAsync("xgb-metadata", ("blue", GatewayFixture.XgbModel, fixture.XgbVersion.Version));

        var metadata = await fixture.Inference.MetadataAsync("xgb-metadata", "blue");

        Assert.Equal(("xgb-metadata", "xgboost_json"), (metadata.Name, metadata.Platform));
        var input = Assert.Single(metadata.Inputs);
        Assert.Equal(("input", TensorDataType.Fp32), (input.Name, input.DataType));
        Assert.Equal([-1L, 20L], input.Shape);
        var output = Assert.Single(metadata.Outputs);
        Assert.Equal(("probability", TensorDataType.Fp32), (output.Name, output.DataType));
        Assert.Equal([-1L, 1L], output.Shape);
        Assert.Equal(["blue"], metadata.Versions);
    }

    [Fact]
    public async Task A_linear_model_with_a_signature_answers_over_rest_as_scikit_learn_predicts()
    {
        await fixture.DeployAsync("spam-rest", ("blue", GatewayFixture.LinearModel, fixture.LinearVersion.Version));
        var linear = fixture.Linear;

        var metadata = await fixture.Inference.MetadataAsync("spam-rest", "blue");
        var (status, body) = await fixture.Inference.InferRestAsync(
            "spam-rest", "blue", InferenceClient.RestRequest(GatewayFixture.LinearInput, "FP64", linear.Rows, linear.FeatureCount, id: "rest-1"));

        Assert.Equal(("features", TensorDataType.Fp64), (metadata.Inputs[0].Name, metadata.Inputs[0].DataType));
        Assert.Equal(("spam", "mlops_logistic_regression_json"), (metadata.Outputs[0].Name, metadata.Platform));
        Assert.True(status == 200, body.ToString());
        Assert.Equal(("spam-rest", "blue", "rest-1"), (body.GetProperty("model_name").GetString(), body.GetProperty("model_version").GetString(), body.GetProperty("id").GetString()));
        var output = body.GetProperty("outputs")[0];
        Assert.Equal(("spam", "FP64"), (output.GetProperty("name").GetString(), output.GetProperty("datatype").GetString()));
        linear.AssertMatches([.. output.GetProperty("data").EnumerateArray().Select(v => v.GetDouble())]);
    }

    [Fact]
    public async Task A_request_that_does_not_fit_is_invalid_and_names_the_input()
    {
        await fixture.DeployAsync("xgb-invalid", ("blue", GatewayFixture.XgbModel, fixture.XgbVersion.Version));
        var row = fixture.Xgb.Row(fixture.Xgb.CompleteRow());

        var datatype = await Refusals.AssertAsync(StatusCode.InvalidArgument, () => fixture.Inference.InferAsync(
            new InferenceRequest("xgb-invalid", "blue", [InferenceTensor.Create("input", [1, 20], row.Select(v => (double)v).ToArray())])));
        var shape = await Refusals.AssertAsync(StatusCode.InvalidArgument, () => fixture.Inference.InferRowsAsync("xgb-invalid", "blue", row[..19], 19));
        var missing = await Refusals.AssertAsync(StatusCode.InvalidArgument, () => fixture.Inference.InferAsync(new InferenceRequest("xgb-invalid", "blue", [])));
        var (status, body) = await fixture.Inference.InferRestAsync("xgb-invalid", "blue", InferenceClient.RestRequest("input", "FP32", row[..19], 19));

        Assert.Contains("'input'", datatype, StringComparison.Ordinal);
        Assert.Contains("FP64", datatype, StringComparison.Ordinal);
        Assert.Contains("'input'", shape, StringComparison.Ordinal);
        Assert.Contains("Missing input 'input'", missing, StringComparison.Ordinal);
        Assert.Equal(400, status);
        Assert.Contains("'input'", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_endpoints_and_deployments_are_not_found()
    {
        await fixture.DeployAsync("xgb-known", ("blue", GatewayFixture.XgbModel, fixture.XgbVersion.Version));
        var row = fixture.Xgb.Row(fixture.Xgb.CompleteRow());

        var endpoint = await Refusals.AssertAsync(StatusCode.NotFound, () => fixture.Inference.InferRowsAsync("no-such-endpoint", null, row, 20));
        var deployment = await Refusals.AssertAsync(StatusCode.NotFound, () => fixture.Inference.InferRowsAsync("xgb-known", "no-such-deployment", row, 20));
        var (status, _) = await fixture.Inference.InferRestAsync("no-such-endpoint", null, InferenceClient.RestRequest("input", "FP32", row, 20));

        Assert.Contains("no-such-endpoint", endpoint, StringComparison.Ordinal);
        Assert.Contains("no-such-deployment", deployment, StringComparison.Ordinal);
        Assert.Equal(404, status);
    }

    [Fact]
    public async Task An_endpoint_without_traffic_or_whose_deployment_is_not_ready_is_unavailable_and_says_which()
    {
        await fixture.Client.CreateEndpointAsync("not-ready");
        await fixture.Client.CreateDeploymentAsync(new V1.CreateDeploymentRequest
        {
            Endpoint = "not-ready",
            Name = "dead",
            Model = new V1.ModelReference { ModelName = GatewayFixture.XgbModel, Version = fixture.XgbVersion.Version },
            Runtime = new V1.Runtime { Kind = V1.RuntimeKind.External, ExternalUrl = "http://127.0.0.1:9/v2/models/nobody" },
        });
        var row = fixture.Xgb.Row(0);
        await Probes.UntilAsync(
            () => Probes.UnlessAsync(StatusCode.NotFound, () => fixture.Inference.MetadataAsync("not-ready", "dead")), "the gateway knows the deployment");

        var noTraffic = await Refusals.AssertAsync(StatusCode.Unavailable, () => fixture.Inference.InferRowsAsync("not-ready", null, row, 20));
        await fixture.Client.SetWeightsAsync("not-ready", "", ("dead", 100));
        var notReady = await Probes.UntilAsync(
            async () => await Probes.RefusalAsync(() => fixture.Inference.InferRowsAsync("not-ready", null, row, 20)) is { } e && e.Status.Detail.Contains("dead", StringComparison.Ordinal) ? e : null,
            "a refusal naming the deployment");
        var direct = await Refusals.AssertAsync(StatusCode.Unavailable, () => fixture.Inference.InferRowsAsync("not-ready", "dead", row, 20));

        Assert.Contains("not-ready", noTraffic, StringComparison.Ordinal);
        Assert.Contains("traffic", noTraffic, StringComparison.Ordinal);
        Assert.Equal(StatusCode.Unavailable, notReady.StatusCode);
        Assert.Contains("'dead'", notReady.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("'dead'", direct, StringComparison.Ordinal);
        Assert.False(await fixture.Inference.IsReadyAsync("not-ready", "dead"));
    }
}
