using Google.Protobuf;
using Grpc.Testing;
using Mlops.Grpc.Client;
using Mlops.Grpc.InteropServer;
using Mlops.Grpc.Tests.Infrastructure;

namespace Mlops.Grpc.Tests.Interop;

/// <summary>The interop spec's cases, driven by our C# client against a server.</summary>
public abstract class CSharpClientInteropCases
{
    private static readonly int[] RequestSizes = [27182, 8, 1828, 45904];
    private static readonly int[] ResponseSizes = [31415, 9, 2653, 58979];

    protected abstract GrpcChannel Channel { get; }

    /// <summary>The encodings the server under test reads.</summary>
    protected virtual string[] RequestEncodings => ["gzip"];

    [Fact]
    public async Task empty_unary()
    {
        var response = await Channel.UnaryAsync(Methods.EmptyCall, new Empty());
        Assert.Equal(new Empty(), response);
    }

    [Fact]
    public async Task large_unary()
    {
        var response = await Channel.UnaryAsync(Methods.UnaryCall, new SimpleRequest { ResponseSize = 314159, Payload = Zeros(271828) });
        Assert.Equal(314159, response.Payload.Body.Length);
        Assert.All(response.Payload.Body, b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task client_streaming()
    {
        using var call = Channel.ClientStreaming(Methods.StreamingInputCall);
        foreach (var size in RequestSizes)
        {
            await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = Zeros(size) });
        }

        await call.RequestStream.CompleteAsync();
        Assert.Equal(74922, (await call.ResponseAsync).AggregatedPayloadSize);
    }

    [Fact]
    public async Task server_streaming()
    {
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.AddRange(ResponseSizes.Select(size => new ResponseParameters { Size = size }));
        using var call = Channel.ServerStreaming(Methods.StreamingOutputCall, request);
        var sizes = await call.ResponseStream.ReadAllAsync().Select(r => r.Payload.Body.Length).ToListAsync();
        Assert.Equal(ResponseSizes, sizes);
        Assert.Equal(StatusCode.OK, call.GetStatus().Code);
    }

    [Fact]
    public async Task ping_pong()
    {
        using var call = Channel.DuplexStreaming(Methods.FullDuplexCall);
        for (var i = 0; i < RequestSizes.Length; i++)
        {
            var request = new StreamingOutputCallRequest { Payload = Zeros(RequestSizes[i]) };
            request.ResponseParameters.Add(new ResponseParameters { Size = ResponseSizes[i] });
            await call.RequestStream.WriteAsync(request);
            Assert.True(await call.ResponseStream.MoveNext());
            Assert.Equal(ResponseSizes[i], call.ResponseStream.Current.Payload.Body.Length);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext());
    }

    [Fact]
    public async Task empty_stream()
    {
        using var call = Channel.DuplexStreaming(Methods.FullDuplexCall);
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.OK, call.GetStatus().Code);
    }

    [Fact]
    public async Task custom_metadata()
    {
        byte[] trailing = [0xab, 0xab, 0xab];
        var headers = new Metadata()
            .Add(TestService.EchoInitialKey, "test_initial_metadata_value")
            .Add(TestService.EchoTrailingKey, trailing);

        using var unary = Channel.UnaryAsync(Methods.UnaryCall, new SimpleRequest { ResponseSize = 314159, Payload = Zeros(271828) }, new CallOptions(headers));
        await unary.ResponseAsync;
        Assert.Equal("test_initial_metadata_value", (await unary.ResponseHeadersAsync).GetValue(TestService.EchoInitialKey));
        Assert.Equal(trailing, unary.GetTrailers().GetValueBytes(TestService.EchoTrailingKey));

        using var duplex = Channel.DuplexStreaming(Methods.FullDuplexCall, new CallOptions(headers));
        var request = new StreamingOutputCallRequest { Payload = Zeros(271828) };
        request.ResponseParameters.Add(new ResponseParameters { Size = 314159 });
        await duplex.RequestStream.WriteAsync(request);
        await duplex.RequestStream.CompleteAsync();
        Assert.Equal(1, await duplex.ResponseStream.ReadAllAsync().CountAsync());
        Assert.Equal("test_initial_metadata_value", (await duplex.ResponseHeadersAsync).GetValue(TestService.EchoInitialKey));
        Assert.Equal(trailing, duplex.GetTrailers().GetValueBytes(TestService.EchoTrailingKey));
    }

    [Theory]
    [InlineData("test status message")]
    [InlineData("\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n")]
    public async Task status_code_and_message(string message)
    {
        var unary = await Assert.ThrowsAsync<RpcException>(() => Channel.UnaryAsync(
            Methods.UnaryCall, new SimpleRequest { ResponseStatus = new EchoStatus { Code = 2, Message = message } }).ResponseAsync);
        Assert.Equal(StatusCode.Unknown, unary.StatusCode);
        Assert.Equal(message, unary.Status.Detail);

        using var duplex = Channel.DuplexStreaming(Methods.FullDuplexCall);
        await duplex.RequestStream.WriteAsync(new StreamingOutputCallRequest { ResponseStatus = new EchoStatus { Code = 2, Message = message } });
        await duplex.RequestStream.CompleteAsync();
        var streamed = await Assert.ThrowsAsync<RpcException>(() => duplex.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.Unknown, streamed.StatusCode);
        Assert.Equal(message, streamed.Status.Detail);
    }

    [Fact]
    public async Task unimplemented_method()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Channel.UnaryAsync(Methods.UnimplementedCall, new Empty()).ResponseAsync);
        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
    }

    [Fact]
    public async Task unimplemented_service()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Channel.UnaryAsync(Methods.UnimplementedService, new Empty()).ResponseAsync);
        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
    }

    [Theory]
    [MemberData(nameof(ErrorCodes))]
    public async Task every_status_code_reaches_the_client(StatusCode code)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Channel.UnaryAsync(
            Methods.UnaryCall, new SimpleRequest { ResponseStatus = new EchoStatus { Code = (int)code, Message = $"code {code}" } }).ResponseAsync);
        Assert.Equal(code, ex.StatusCode);
        Assert.Equal($"code {code}", ex.Status.Detail);
    }

    public static TheoryData<StatusCode> ErrorCodes() => [.. Enum.GetValues<StatusCode>().Where(c => c != StatusCode.OK)];

    [Fact]
    public async Task cancel_after_begin()
    {
        using var cts = new CancellationTokenSource();
        using var call = Channel.ClientStreaming(Methods.StreamingInputCall, new CallOptions(CancellationToken: cts.Token));
        await cts.CancelAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
    }

    [Fact]
    public async Task cancel_after_first_response()
    {
        using var cts = new CancellationTokenSource();
        using var call = Channel.DuplexStreaming(Methods.FullDuplexCall, new CallOptions(CancellationToken: cts.Token));
        var request = new StreamingOutputCallRequest { Payload = Zeros(27182) };
        request.ResponseParameters.Add(new ResponseParameters { Size = 31415 });
        await call.RequestStream.WriteAsync(request);
        Assert.True(await call.ResponseStream.MoveNext());
        await cts.CancelAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
    }

    [Fact]
    public async Task timeout_on_sleeping_server()
    {
        using var call = Channel.DuplexStreaming(Methods.FullDuplexCall, CallOptions.WithTimeout(TimeSpan.FromMilliseconds(1)));
        try
        {
            await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { Payload = Zeros(27182) });
        }
        catch (RpcException ex)
        {
            Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        }

        var read = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.DeadlineExceeded, read.StatusCode);
    }

    [Fact]
    public async Task client_compressed_unary()
    {
        var probe = await Assert.ThrowsAsync<RpcException>(() => Channel.UnaryAsync(
            Methods.UnaryCall, new SimpleRequest { ExpectCompressed = new BoolValue { Value = true }, ResponseSize = 314159, Payload = Zeros(271828) }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, probe.StatusCode);

        foreach (var encoding in RequestEncodings)
        {
            var compressed = await Channel.UnaryAsync(
                Methods.UnaryCall,
                new SimpleRequest { ExpectCompressed = new BoolValue { Value = true }, ResponseSize = 314159, Payload = Zeros(271828) },
                new CallOptions { WriteCompression = encoding });
            Assert.Equal(314159, compressed.Payload.Body.Length);
        }

        var plain = await Channel.UnaryAsync(
            Methods.UnaryCall, new SimpleRequest { ExpectCompressed = new BoolValue { Value = false }, ResponseSize = 314159, Payload = Zeros(271828) });
        Assert.Equal(314159, plain.Payload.Body.Length);
    }

    protected static Payload Zeros(int size) => new() { Body = ByteString.CopyFrom(new byte[size]) };
}
