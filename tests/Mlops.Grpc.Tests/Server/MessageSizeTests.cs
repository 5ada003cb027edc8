using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Mlops.Grpc.Client;
using Mlops.Grpc.Server;
using Mlops.Grpc.Tests.Infrastructure;
using Mlops.Testing;

namespace Mlops.Grpc.Tests.Server;

public sealed class MessageSizeTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(builder =>
        builder.Services.Configure<GrpcServerOptions>(o =>
        {
            o.MaxReceiveMessageSize = 1024;
            o.MaxSendMessageSize = 2048;
        }));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_request_over_the_server_limit_is_RESOURCE_EXHAUSTED()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => _server.Channel.UnaryAsync(Methods.Echo, Request(1100)).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Contains("1024", ex.Status.Detail);
    }

    [Fact]
    public async Task A_response_over_the_server_send_limit_is_RESOURCE_EXHAUSTED()
    {
        using var call = _server.Channel.ServerStreaming(Methods.Stream, new ProbeRequest { Count = 2, Size = 3000 });
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Contains("2048", ex.Status.Detail);
    }

    [Fact]
    public async Task Messages_within_the_limits_pass()
    {
        var reply = await _server.Channel.UnaryAsync(Methods.Echo, Request(900));
        Assert.Equal(900, reply.Payload.Length);
    }

    [Fact]
    public async Task The_client_enforces_its_own_receive_limit()
    {
        using var channel = _server.CreateChannel(new GrpcChannelOptions { MaxReceiveMessageSize = 100 });
        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(Methods.Echo, Request(500)).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task The_client_enforces_its_own_send_limit_before_sending()
    {
        using var channel = _server.CreateChannel(new GrpcChannelOptions { MaxSendMessageSize = 100 });
        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(Methods.Echo, Request(500, "unsent")).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Equal(0, _server.Probe.Attempts("unsent"));
    }

    [Fact]
    public async Task The_default_limits_are_4_MiB()
    {
        Assert.Equal(4 * 1024 * 1024, new GrpcServerOptions().MaxReceiveMessageSize);
        Assert.Equal(4 * 1024 * 1024, new GrpcServerOptions().MaxSendMessageSize);
        Assert.Equal(4 * 1024 * 1024, new GrpcChannelOptions().MaxReceiveMessageSize);
        await Task.CompletedTask;
    }

    private static ProbeRequest Request(int size, string key = "") => new() { Key = key, Payload = ByteString.CopyFrom(new byte[size]) };
}
