using Grpc.Testing;
using Mlops.Grpc.Client;
using Mlops.Grpc.Protocol;
using Mlops.Grpc.Tests.Infrastructure;

namespace Mlops.Grpc.Tests.Interop;

/// <summary>The interop cases with our client against our server, plus what only our server promises.</summary>
[Collection(SharedServerCollection.Name)]
public sealed class OurClientOurServerTests(SharedServerFixture fixture) : CSharpClientInteropCases
{
    protected override GrpcChannel Channel => fixture.Server.Channel;

    protected override string[] RequestEncodings => ["gzip", "deflate"];

    [Fact]
    public async Task unimplemented_messages_say_what_is_missing()
    {
        var method = await Assert.ThrowsAsync<RpcException>(() => Channel.UnaryAsync(Methods.UnimplementedCall, new Empty()).ResponseAsync);
        Assert.Equal("Method is unimplemented.", method.Status.Detail);
        var service = await Assert.ThrowsAsync<RpcException>(() => Channel.UnaryAsync(Methods.UnimplementedService, new Empty()).ResponseAsync);
        Assert.Equal("Service is unimplemented.", service.Status.Detail);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task server_compressed_unary(bool compressed)
    {
        // Read the raw frame to see the compressed flag, which the client otherwise hides.
        var frame = await RawGrpc.CallAsync(
            fixture.Server.Address,
            "/grpc.testing.TestService/UnaryCall",
            RawGrpc.Frame(new SimpleRequest { ResponseCompressed = new BoolValue { Value = compressed }, ResponseSize = 314159, Payload = Zeros(271828) }),
            new Dictionary<string, string> { ["grpc-accept-encoding"] = "identity,gzip" });
        Assert.Equal("0", frame.Status);
        Assert.Equal(compressed ? (byte)1 : (byte)0, frame.Body[0]);
        Assert.Equal(compressed ? "gzip" : null, frame.Headers.GetValueOrDefault("grpc-encoding"));
        Assert.True(compressed ? frame.Body.Length < 10_000 : frame.Body.Length > 314159);

        var response = await Channel.UnaryAsync(Methods.UnaryCall, new SimpleRequest { ResponseCompressed = new BoolValue { Value = compressed }, ResponseSize = 314159 });
        Assert.Equal(314159, response.Payload.Body.Length);
    }

    [Fact]
    public async Task special_status_message_is_percent_encoded_on_the_wire()
    {
        const string message = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n";
        var raw = await RawGrpc.CallAsync(
            fixture.Server.Address,
            "/grpc.testing.TestService/UnaryCall",
            RawGrpc.Frame(new SimpleRequest { ResponseStatus = new EchoStatus { Code = 2, Message = message } }));
        Assert.Equal("2", raw.Status);
        Assert.All(raw.Message!, c => Assert.InRange(c, ' ', '~'));
        Assert.Equal("%09%0Atest with whitespace%0D%0Aand Unicode BMP %E2%98%BA and non-BMP %F0%9F%98%88%09%0A", raw.Message);
        Assert.Equal(message, StatusMessageEncoding.Decode(raw.Message));
    }

}
