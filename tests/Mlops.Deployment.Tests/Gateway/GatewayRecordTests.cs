using System.Security.Cryptography;
using Mlops.Grpc;
using Mlops.Inference;
using Mlops.Testing;

namespace Mlops.Deployment.Tests.Gateway;

[Collection(GatewayCollection.Name)]
public sealed class GatewayRecordTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Sampled_requests_are_published_with_their_inputs_outputs_and_id()
    {
        await fixture.DeployAsync("recorded", ("blue", GatewayFixture.XgbModel, fixture.XgbVersion.Version));
        var xgb = fixture.Xgb;
        var rows = xgb.Rows[..(3 * 20)];

        var named = await fixture.Inference.InferRowsAsync("recorded", "blue", rows, 20, id: "caller-id-1");
        var anonymous = await fixture.Inference.InferRowsAsync("recorded", "blue", rows, 20);

        Assert.Equal("caller-id-1", named.Id);
        Assert.False(string.IsNullOrEmpty(anonymous.Id), "a request without an id gets one");
        foreach (var response in new[] { named, anonymous })
        {
            var record = await Probes.UntilAsync(
                () => Task.FromResult(fixture.Records.FirstOrDefault(r => r.RequestId == response.Id)), $"the record of {response.Id}");
            Assert.Equal(("recorded", "blue", GatewayFixture.XgbModel, fixture.XgbVersion.Version, false, ""),
                (record.Endpoint, record.Deployment, record.ModelName, record.ModelVersion, record.Mirrored, record.Error));
            var input = Assert.Single(record.Inputs);
            Assert.Equal(("input", "FP32"), (input.Name, input.Datatype));
            Assert.Equal([3L, 20L], input.Shape);
            Assert.Equal(rows.Select(v => float.IsNaN(v) ? (double?)null : v), input.Values);
            var output = Assert.Single(record.Outputs);
            Assert.Equal(("probability", "FP32"), (output.Name, output.Datatype));
            Assert.Equal([3L, 1L], output.Shape);
            Assert.Equal(InferenceClient.Values(response.Outputs[0]).Select(v => (double?)v), output.Values);
            Assert.True(record.LatencyMs >= 0);
        }
    }

    [Fact]
    public async Task An_instance_sampling_nothing_publishes_no_record()
    {
        await GatewayFixture.DeployAsync(fixture.PeerClient, fixture.PeerInference, "unsampled", ("blue", GatewayFixture.XgbModel, fixture.XgbVersion.Version));
        await fixture.DeployAsync("sampled", ("blue", GatewayFixture.XgbModel, fixture.XgbVersion.Version));
        var row = fixture.Xgb.Row(5);

        for (var i = 0; i < 20; i++)
        {
            await fixture.PeerInference.InferRowsAsync("unsampled", "blue", row, 20, id: $"unsampled-{i}");
        }

        // A later request of the instance that samples everything: once its record is in, the bus has had its chance.
        await fixture.Inference.InferRowsAsync("sampled", "blue", row, 20, id: "sampled-after");
        await Probes.UntilAsync(() => Task.FromResult(fixture.Records.FirstOrDefault(r => r.RequestId == "sampled-after")), "the sampled record");

        Assert.DoesNotContain(fixture.Records, r => r.Endpoint == "unsampled");
    }

    [Fact]
    public async Task A_tampered_cache_file_is_detected_discarded_and_fetched_again()
    {
        await fixture.DeployAsync("cache-first", ("blue", GatewayFixture.XgbModel, fixture.XgbVersion.Version));
        var digest = fixture.XgbVersion.ArtifactSha256;
        var cached = Path.Combine(fixture.ArtifactCache, digest);
        Assert.True(File.Exists(cached), $"no {cached}");
        Assert.Equal(digest, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(cached))));

        await File.WriteAllTextAsync(cached, """{"learner": "tampered"}""");
        await fixture.DeployAsync("cache-second", ("blue", GatewayFixture.XgbModel, fixture.XgbVersion.Version));
        var response = await fixture.Inference.InferRowsAsync("cache-second", "blue", fixture.Xgb.Rows, 20);

        Assert.Equal(digest, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(cached))));
        fixture.Xgb.AssertMatches(InferenceClient.Values(response.Outputs[0]));
        Assert.Empty(Directory.GetFiles(fixture.ArtifactCache, "*.part"));
    }

    [Fact]
    public async Task An_external_deployment_proxies_to_another_instance()
    {
        await GatewayFixture.DeployAsync(fixture.PeerClient, fixture.PeerInference, "remote", ("blue", GatewayFixture.XgbModel, fixture.XgbVersion.Version));
        await fixture.Client.CreateEndpointAsync("proxy");
        await fixture.Client.CreateDeploymentAsync(new V1.CreateDeploymentRequest
        {
            Endpoint = "proxy",
            Name = "ext",
            Model = new V1.ModelReference { ModelName = GatewayFixture.XgbModel, Version = fixture.XgbVersion.Version },
            Runtime = new V1.Runtime { Kind = V1.RuntimeKind.External, ExternalUrl = $"http://127.0.0.1:{fixture.Peer.GrpcPort}/v2/models/remote/versions/blue" },
        });
        await fixture.Client.SetWeightsAsync("proxy", "", ("ext", 100));
        await Eventually.UntilAsync(() => fixture.Inference.IsReadyAsync("proxy", "ext"), "the external deployment ready");

        var metadata = await fixture.Inference.MetadataAsync("proxy", "ext");
        var response = await Probes.UntilAsync(
            () => Probes.UnlessAsync(StatusCode.Unavailable, () => fixture.Inference.InferRowsAsync("proxy", null, fixture.Xgb.Rows, 20, id: "proxied")),
            "the traffic reaches the gateway");

        Assert.Equal(("proxy", "input", TensorDataType.Fp32), (metadata.Name, metadata.Inputs[0].Name, metadata.Inputs[0].DataType));
        Assert.Equal(("proxy", "ext", "proxied"), (response.ModelName, response.ModelVersion, response.Id));
        fixture.Xgb.AssertMatches(InferenceClient.Values(response.Outputs[0]));
        var wrongShape = await Probes.RefusalAsync(() => fixture.Inference.InferRowsAsync("proxy", "ext", fixture.Xgb.Row(0)[..10], 10));
        Assert.Equal(StatusCode.InvalidArgument, wrongShape?.StatusCode);
    }

    [Fact]
    public async Task A_failed_load_is_retried_until_it_succeeds()
    {
        await fixture.Client.CreateEndpointAsync("retried");
        await fixture.Client.CreateDeploymentAsync(new V1.CreateDeploymentRequest
        {
            Endpoint = "retried",
            Name = "late",
            Model = new V1.ModelReference { ModelName = GatewayFixture.XgbModel, Version = fixture.XgbVersion.Version },
            Runtime = new V1.Runtime { Kind = V1.RuntimeKind.External, ExternalUrl = $"http://127.0.0.1:{fixture.Peer.GrpcPort}/v2/models/late-remote/versions/blue" },
        });
        await Probes.UntilAsync(() => Probes.UnlessAsync(StatusCode.NotFound, () => fixture.Inference.MetadataAsync("retried", "late")), "the gateway knows the deployment");

        // The remote model does not exist yet: the first load fails.
        Assert.False(await fixture.Inference.IsReadyAsync("retried", "late"));
        await GatewayFixture.DeployAsync(fixture.PeerClient, fixture.PeerInference, "late-remote", ("blue", GatewayFixture.XgbModel, fixture.XgbVersion.Version));

        await Eventually.UntilAsync(() => fixture.Inference.IsReadyAsync("retried", "late"), "ready after a retry");
        var response = await fixture.Inference.InferRowsAsync("retried", "late", fixture.Xgb.Rows, 20);
        fixture.Xgb.AssertMatches(InferenceClient.Values(response.Outputs[0]));
    }
}
