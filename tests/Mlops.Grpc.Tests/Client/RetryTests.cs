using Mlops.Grpc.Client;
using Mlops.Grpc.Tests.Infrastructure;
using Mlops.Testing;

namespace Mlops.Grpc.Tests.Client;

[Collection(SharedServerCollection.Name)]
public sealed class RetryTests(SharedServerFixture fixture)
{
    private static readonly RetryPolicy Fast = new() { MaxAttempts = 4, InitialBackoff = TimeSpan.FromMilliseconds(10), MaxBackoff = TimeSpan.FromMilliseconds(50) };

    [Fact]
    public async Task An_idempotent_call_is_retried_on_UNAVAILABLE_until_it_succeeds()
    {
        using var channel = fixture.Server.CreateChannel(new GrpcChannelOptions { Retry = Fast });
        var reply = await channel.UnaryAsync(Methods.FlakyIdempotent, new ProbeRequest { Key = "retry-ok", Count = 2 });

        Assert.Equal(3, reply.Value);
        Assert.Equal(3, fixture.Server.Probe.Attempts("retry-ok"));
    }

    [Fact]
    public async Task Retries_stop_at_the_policy_limit_with_the_last_status()
    {
        using var channel = fixture.Server.CreateChannel(new GrpcChannelOptions { Retry = Fast });
        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(Methods.FlakyIdempotent, new ProbeRequest { Key = "retry-limit", Count = 100 }).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Equal("Attempt 4 refused.", ex.Status.Detail);
        Assert.Equal(4, fixture.Server.Probe.Attempts("retry-limit"));
    }

    [Fact]
    public async Task A_call_not_marked_idempotent_is_never_sent_twice()
    {
        using var channel = fixture.Server.CreateChannel(new GrpcChannelOptions { Retry = Fast });
        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(Methods.Flaky, new ProbeRequest { Key = "no-retry", Count = 1 }).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Equal(1, fixture.Server.Probe.Attempts("no-retry"));
    }

    [Fact]
    public async Task Other_failures_are_not_retried()
    {
        using var channel = fixture.Server.CreateChannel(new GrpcChannelOptions { Retry = Fast });
        var idempotentCrash = Methods.Crash with { IsIdempotent = true };
        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(idempotentCrash, new ProbeRequest { Key = "crash-once" }).ResponseAsync);
        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
    }

    [Fact]
    public async Task A_server_that_is_not_there_is_UNAVAILABLE_after_the_retries()
    {
        var port = FreePorts.Next();
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}", new GrpcChannelOptions { Retry = Fast });
        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(Methods.FlakyIdempotent, new ProbeRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }
}
