using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mlops.Deployment.Application;
using Mlops.Deployment.Gateway;
using Mlops.Deployment.Infrastructure;
using Mlops.Grpc;
using Mlops.Inference;
using Mlops.Testing;

namespace Mlops.Deployment.Tests.Gateway;

/// <summary>Tests that read the gateway from inside: its meters, its readiness and reasons, IDeploymentServing.</summary>
[Collection(GatewayCollection.Name)]
public sealed class GatewayInProcessTests(GatewayFixture fixture) : IAsyncLifetime
{
    private InProcessGateway _gateway = null!;

    public async Task InitializeAsync() =>
        _gateway = await InProcessGateway.StartAsync(fixture, Path.Combine(Path.GetTempPath(), $"mlops-gw-cache-{Guid.NewGuid():N}"));

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        if (Directory.Exists(_gateway.ArtifactCache))
        {
            Directory.Delete(_gateway.ArtifactCache, recursive: true);
        }
    }

    [Fact]
    public async Task Requests_are_timed_and_failures_counted_by_endpoint_deployment_and_outcome()
    {
        var measurements = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = Listen(measurements);
        await GatewayFixture.DeployAsync(_gateway.Client, _gateway.Inference, "metered", ("blue", GatewayFixture.XgbModel, fixture.XgbVersion.Version));
        var xgb = fixture.Xgb;
        var row = xgb.Row(xgb.CompleteRow());

        for (var i = 0; i < 5; i++)
        {
            await _gateway.Inference.InferRowsAsync("metered", "blue", row, 20);
        }

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(200, (await _gateway.Inference.InferRestAsync("metered", "blue", InferenceClient.RestRequest("input", "FP32", row, 20))).Status);
        }

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<RpcException>(() => _gateway.Inference.InferRowsAsync("metered", "blue", row[..19], 19));
        }

        await Assert.ThrowsAsync<RpcException>(() => _gateway.Inference.InferRowsAsync("nowhere", null, row, 20));

        // Recorded once the response is on its way, so possibly just after the client has it.
        await Eventually.UntilAsync(() => Task.FromResult(Count(GatewayMetrics.RequestDurationName, null) >= 11), "eleven durations");
        Assert.Equal(7, Count(GatewayMetrics.RequestDurationName, ("metered", "blue", "ok")));
        Assert.Equal(3, Count(GatewayMetrics.RequestDurationName, ("metered", "blue", "invalid_argument")));
        Assert.Equal(3, Count(GatewayMetrics.RequestErrorsName, ("metered", "blue", "invalid_argument")));
        Assert.Equal(1, Count(GatewayMetrics.RequestErrorsName, ("unknown", "unknown", "not_found")));
        Assert.Equal(0, Count(GatewayMetrics.RequestErrorsName, ("metered", "blue", "ok")));
        Assert.All(measurements.Where(m => m.Instrument == GatewayMetrics.RequestDurationName), m => Assert.InRange(m.Value, 0, 60));

        int Count(string instrument, (string Endpoint, string Deployment, string Outcome)? tags) =>
            measurements.Count(m => m.Instrument == instrument
                && (tags is null || (Equals(m.Tags["endpoint"], tags.Value.Endpoint) && Equals(m.Tags["deployment"], tags.Value.Deployment) && Equals(m.Tags["outcome"], tags.Value.Outcome))));
    }

    [Fact]
    public async Task Deployments_of_one_artifact_download_it_once()
    {
        var measurements = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = Listen(measurements);

        await GatewayFixture.DeployAsync(
            _gateway.Client, _gateway.Inference, "shared", ("a", GatewayFixture.XgbModel, fixture.XgbVersion.Version), ("b", GatewayFixture.XgbModel, fixture.XgbVersion.Version),
            ("c", GatewayFixture.XgbModel, fixture.XgbVersion.Version));

        var downloads = measurements.Where(m => m.Instrument == GatewayMetrics.ArtifactDownloadsName).ToList();
        var download = Assert.Single(downloads);
        Assert.Equal("verified", download.Tags["outcome"]);
        Assert.Equal([fixture.XgbVersion.ArtifactSha256], Directory.GetFiles(_gateway.ArtifactCache).Select(Path.GetFileName));
    }

    [Fact]
    public async Task An_artifact_that_does_not_match_the_deployments_digest_fails_it_and_leaves_nothing_in_the_cache()
    {
        await GatewayFixture.DeployAsync(_gateway.Client, _gateway.Inference, "mismatch", ("blue", GatewayFixture.XgbModel, fixture.XgbVersion.Version));
        var serving = _gateway.Services.GetRequiredService<IDeploymentServing>();
        var wrong = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("another artifact")));

        // What the registry would send if its blob changed under a recorded digest.
        using (var scope = _gateway.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DeploymentDbContext>();
            await db.Deployments.Where(d => d.Endpoint == "mismatch" && d.Name == "blue").ExecuteUpdateAsync(set => set.SetProperty(d => d.ArtifactSha256, wrong));
        }

        await Eventually.UntilAsync(() => Task.FromResult(serving.GetReadiness("mismatch", "blue").State == ServingState.Failed), "the deployment failed");
        var readiness = serving.GetReadiness("mismatch", "blue");

        Assert.Contains(wrong, readiness.Reason, StringComparison.Ordinal);
        Assert.Contains(fixture.XgbVersion.ArtifactSha256, readiness.Reason, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_gateway.ArtifactCache, wrong)));
        Assert.Empty(Directory.GetFiles(_gateway.ArtifactCache, "*.part"));
        Assert.False(await _gateway.Inference.IsReadyAsync("mismatch", "blue"));
        var refused = await Assert.ThrowsAsync<InferenceException>(() => serving.InferAsync("mismatch", "blue", Request("input", [1, 20], new float[20]), default));
        Assert.Equal(InferenceErrorCode.Unavailable, refused.Code);
        Assert.Contains(wrong, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deployment_serving_reaches_one_deployment_whatever_the_traffic()
    {
        await _gateway.Client.CreateEndpointAsync("served");
        await _gateway.Client.CreateDeploymentAsync("served", "blue", GatewayFixture.LinearModel, fixture.LinearVersion.Version);
        await _gateway.Client.CreateDeploymentAsync(new V1.CreateDeploymentRequest
        {
            Endpoint = "served",
            Name = "badurl",
            Model = new V1.ModelReference { ModelName = GatewayFixture.XgbModel, Version = fixture.XgbVersion.Version },
            Runtime = new V1.Runtime { Kind = V1.RuntimeKind.External, ExternalUrl = "http://127.0.0.1:9/v2" },
        });
        var serving = _gateway.Services.GetRequiredService<IDeploymentServing>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var blue = await serving.WaitUntilSettledAsync("served", "blue", timeout.Token);
        var badUrl = await serving.WaitUntilSettledAsync("served", "badurl", timeout.Token);
        var metadata = serving.GetMetadata("served", "blue");
        var linear = fixture.Linear;
        var response = await serving.InferAsync(
            "served", "blue", Request(GatewayFixture.LinearInput, [linear.RowCount, linear.FeatureCount], linear.Rows.Select(v => (double)v).ToArray()), timeout.Token);
        var invalid = await Assert.ThrowsAsync<InferenceException>(() => serving.InferAsync("served", "blue", Request("input", [1, 6], new float[6]), timeout.Token));

        Assert.Equal((ServingState.Ready, ServingState.Failed), (blue.State, badUrl.State));
        Assert.Contains("/v2/models/{name}", badUrl.Reason, StringComparison.Ordinal);
        Assert.Equal((GatewayFixture.LinearInput, TensorDataType.Fp64, GatewayFixture.LinearOutput), (metadata.Inputs[0].Name, metadata.Inputs[0].DataType, metadata.Outputs[0].Name));
        Assert.Equal(("served", "blue"), (response.ModelName, response.ModelVersion));
        linear.AssertMatches(InferenceClient.Values(response.Outputs[0]));
        Assert.Equal(InferenceErrorCode.InvalidArgument, invalid.Code);
        Assert.Contains("'input'", invalid.Message, StringComparison.Ordinal);
        Assert.Equal(InferenceErrorCode.NotFound, (await Assert.ThrowsAsync<InferenceException>(() => serving.InferAsync("served", "nobody", Request("input", [1, 6], new float[6]), timeout.Token))).Code);
    }

    private MeterListener Listen(ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> measurements)
    {
        var factory = _gateway.Services.GetRequiredService<IMeterFactory>();
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == GatewayMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, Tags(tags))));
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, Tags(tags))));
        listener.Start();
        return listener;
    }

    private static InferenceRequest Request<T>(string input, long[] shape, T[] data) => new("ignored", null, [InferenceTensor.Create(input, shape, data)]);

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value;
        }

        return result;
    }
}
