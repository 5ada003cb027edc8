using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Mlops.Grpc.Client;
using Mlops.Grpc.Server.Health;
using Mlops.Grpc.Tests.Infrastructure;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Mlops.Grpc.Tests.Server;

/// <summary>grpc.health.v1 answers from the ASP.NET health checks and follows them.</summary>
public sealed class HealthTests : IAsyncLifetime
{
    private static readonly Method<HealthCheckRequest, HealthCheckResponse> Check =
        Method<HealthCheckRequest, HealthCheckResponse>.FromDescriptor(HealthReflection.Descriptor.Services[0].FindMethodByName("Check"));

    private static readonly Method<HealthCheckRequest, HealthCheckResponse> Watch =
        Method<HealthCheckRequest, HealthCheckResponse>.FromDescriptor(HealthReflection.Descriptor.Services[0].FindMethodByName("Watch"));

    private volatile bool _databaseHealthy = true;
    private volatile bool _probeDependencyHealthy = true;
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(builder =>
    {
        builder.Services.AddHealthChecks()
            .AddCheck("database", () => _databaseHealthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy())
            .AddCheck("probe-only", () => _probeDependencyHealthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(), tags: ["grpc:mlops.testing.ProbeService"]);
        builder.Services.Configure<HealthCheckPublisherOptions>(o => o.Period = TimeSpan.FromSeconds(1));
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Check_reports_the_server_and_each_mapped_service()
    {
        Assert.Equal(ServingStatus.Serving, await StatusOf(string.Empty));
        Assert.Equal(ServingStatus.Serving, await StatusOf("grpc.testing.TestService"));
        Assert.Equal(ServingStatus.Serving, await StatusOf("grpc.health.v1.Health"));

        var ex = await Assert.ThrowsAsync<RpcException>(() => StatusOf("no.such.Service"));
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task Watch_sends_the_current_status_then_every_change()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = _server.Channel.ServerStreaming(Watch, new HealthCheckRequest(), new CallOptions(CancellationToken: cts.Token));
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal(ServingStatus.Serving, call.ResponseStream.Current.Status);

        _databaseHealthy = false;
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal(ServingStatus.NotServing, call.ResponseStream.Current.Status);
        Assert.Equal(ServingStatus.NotServing, await StatusOf(string.Empty));

        _databaseHealthy = true;
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal(ServingStatus.Serving, call.ResponseStream.Current.Status);
    }

    [Fact]
    public async Task Watch_of_an_unknown_service_says_SERVICE_UNKNOWN()
    {
        using var call = _server.Channel.ServerStreaming(Watch, new HealthCheckRequest { Service = "no.such.Service" });
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal(ServingStatus.ServiceUnknown, call.ResponseStream.Current.Status);
    }

    [Fact]
    public async Task A_check_tagged_for_one_service_affects_only_that_service()
    {
        _probeDependencyHealthy = false;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = _server.Channel.ServerStreaming(Watch, new HealthCheckRequest { Service = "mlops.testing.ProbeService" }, new CallOptions(CancellationToken: cts.Token));
        while (await call.ResponseStream.MoveNext() && call.ResponseStream.Current.Status != ServingStatus.NotServing)
        {
        }

        Assert.Equal(ServingStatus.NotServing, call.ResponseStream.Current.Status);
        Assert.Equal(ServingStatus.Serving, await StatusOf("grpc.testing.TestService"));
        Assert.Equal(ServingStatus.NotServing, await StatusOf(string.Empty));
    }

    [Fact]
    public async Task Shutdown_turns_every_status_to_NOT_SERVING_for_good_and_ends_the_watches()
    {
        var store = new GrpcHealthStatusStore();
        store.SetStatus(string.Empty, ServingStatus.Serving);
        store.SetStatus("a.B", ServingStatus.Serving);
        await using var watch = store.WatchAsync("a.B", CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await watch.MoveNextAsync());

        store.ShutDown();
        store.SetStatus("a.B", ServingStatus.Serving);

        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(ServingStatus.NotServing, watch.Current);
        Assert.False(await watch.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(ServingStatus.NotServing, store.GetStatus("a.B"));
        Assert.Equal(ServingStatus.NotServing, store.GetStatus(string.Empty));

        await using var late = store.WatchAsync("a.B", CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await late.MoveNextAsync());
        Assert.Equal(ServingStatus.NotServing, late.Current);
        Assert.False(await late.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_watch_that_ends_leaves_nothing_behind()
    {
        var store = new GrpcHealthStatusStore();
        using var cts = new CancellationTokenSource();
        var watches = Enumerable.Range(0, 50).Select(i => store.WatchAsync($"random.Name{i}", cts.Token).GetAsyncEnumerator()).ToList();
        foreach (var watch in watches)
        {
            Assert.True(await watch.MoveNextAsync());
            Assert.Equal(ServingStatus.ServiceUnknown, watch.Current);
        }

        Assert.Equal(50, store.WatchedServiceCount);
        await cts.CancelAsync();
        foreach (var watch in watches)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watch.MoveNextAsync().AsTask());
            await watch.DisposeAsync();
        }

        Assert.Equal(0, store.WatchedServiceCount);
    }

    private async Task<ServingStatus> StatusOf(string service) =>
        (await _server.Channel.UnaryAsync(Check, new HealthCheckRequest { Service = service })).Status;
}
