using System.Net;
using System.Net.Sockets;
using Google.Protobuf;
using Mlops.Grpc.Client;
using Mlops.Grpc.Tests.Infrastructure;
using Mlops.Testing;

namespace Mlops.Grpc.Tests.Server;

/// <summary>Deadlines, cancellation and clients that vanish: the handler hears of it, the server keeps serving.</summary>
[Collection(SharedServerCollection.Name)]
public sealed class CancellationTests(SharedServerFixture fixture)
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task A_client_deadline_cancels_the_handler()
    {
        // Long enough that the handler starts before the deadline even on a loaded machine: a request that arrives
        // after its deadline is refused without calling the handler, and then there is nothing to cancel.
        var ex = await Assert.ThrowsAsync<RpcException>(() => Server.Channel.UnaryAsync(
            Methods.Sleep, new ProbeRequest { Key = "deadline" }, CallOptions.WithTimeout(TimeSpan.FromSeconds(2))).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);

        // The client gives up at its deadline and resets the stream; the server's own timer fires
        // at the same moment. Either way the handler's token is canceled (the server-only case is
        // in WireProtocolTests).
        Assert.Contains(await Server.Probe.EndingOf("deadline").WaitAsync(TimeSpan.FromSeconds(10)), new[] { "deadline", "canceled" });
    }

    [Fact]
    public async Task A_deadline_already_past_fails_without_calling()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Server.Channel.UnaryAsync(
            Methods.Echo, new ProbeRequest { Key = "past" }, new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(-1))).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.Equal(0, Server.Probe.Attempts("past"));
    }

    [Fact]
    public async Task Client_cancellation_reaches_the_handler()
    {
        using var cts = new CancellationTokenSource();
        var call = Server.Channel.UnaryAsync(Methods.Sleep, new ProbeRequest { Key = "cancel" }, new CallOptions(CancellationToken: cts.Token));
        await Task.Delay(200);
        await cts.CancelAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        Assert.Equal("canceled", await Server.Probe.EndingOf("cancel").WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Disposing_a_server_stream_cancels_the_handler()
    {
        var call = Server.Channel.ServerStreaming(Methods.StreamForever, new ProbeRequest { Key = "stream-dispose" });
        Assert.True(await call.ResponseStream.MoveNext());
        call.Dispose();

        Assert.Equal("canceled", await Server.Probe.EndingOf("stream-dispose").WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_client_that_vanishes_mid_stream_cancels_the_handler_and_the_server_keeps_serving()
    {
        Socket? socket = null;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        using var channel = Server.CreateChannel(new GrpcChannelOptions { HttpHandler = handler });
        var call = channel.DuplexStreaming(Methods.Chat);
        await call.RequestStream.WriteAsync(new ProbeRequest { Key = "vanish", Count = 1 });
        Assert.True(await call.ResponseStream.MoveNext());

        // The process "dies": its TCP connection closes with no HTTP/2 goodbye.
        socket!.Close(0);

        Assert.Equal("canceled", await Server.Probe.EndingOf("vanish").WaitAsync(TimeSpan.FromSeconds(10)));
        var reply = await Server.Channel.UnaryAsync(Methods.Echo, new ProbeRequest { Key = "after-vanish" });
        Assert.Equal("after-vanish", reply.Key);
    }

    [Fact]
    public async Task A_request_stream_cut_inside_a_frame_ends_the_handler_cleanly()
    {
        var content = new AbortingContent(RawGrpc.Frame(new ProbeRequest { Key = "cut", Payload = ByteString.CopyFrom(new byte[1000]) })[..600]);
        await Assert.ThrowsAnyAsync<Exception>(() => RawGrpc.SendAsync(Server.Address, "/mlops.testing.ProbeService/Upload", content));

        Assert.Equal("canceled", await Server.Probe.EndingOf(string.Empty).WaitAsync(TimeSpan.FromSeconds(10)));
        var reply = await Server.Channel.UnaryAsync(Methods.Echo, new ProbeRequest { Key = "after-cut" });
        Assert.Equal("after-cut", reply.Key);
    }

    /// <summary>Sends some bytes, then fails, which resets the HTTP/2 stream mid-frame.</summary>
    private sealed class AbortingContent(byte[] prefix) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(prefix);
            await stream.FlushAsync();
            await Task.Delay(200);
            throw new IOException("client gone");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
