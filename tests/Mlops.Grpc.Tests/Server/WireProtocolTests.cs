using System.IO.Compression;
using Google.Protobuf;
using Grpc.Testing;
using Mlops.Grpc.Protocol;
using Mlops.Grpc.Tests.Infrastructure;
using Mlops.Testing;

namespace Mlops.Grpc.Tests.Server;

/// <summary>What the server puts on the wire for good and bad requests, read without our client.</summary>
[Collection(SharedServerCollection.Name)]
public sealed class WireProtocolTests(SharedServerFixture fixture)
{
    private const string Echo = "/mlops.testing.ProbeService/Echo";

    private Uri Address => fixture.Server.Address;

    [Fact]
    public async Task A_wrong_content_type_is_http_415()
    {
        var response = await RawGrpc.CallAsync(Address, Echo, RawGrpc.Frame(new ProbeRequest()), contentType: "application/json");
        Assert.Equal(415, response.HttpStatus);
        Assert.Contains("application/json", response.Message);
    }

    [Theory]
    [InlineData("application/grpc")]
    [InlineData("application/grpc+proto")]
    [InlineData("application/grpc; charset=utf-8")]
    public async Task Every_grpc_content_type_is_accepted(string contentType)
    {
        var response = await RawGrpc.CallAsync(Address, Echo, RawGrpc.Frame(new ProbeRequest { Payload = ByteString.CopyFromUtf8("x") }), contentType: contentType);
        Assert.Equal("0", response.Status);
    }

    [Fact]
    public async Task An_error_before_any_message_is_Trailers_Only()
    {
        var response = await RawGrpc.CallAsync(Address, "/grpc.testing.TestService/UnaryCall", RawGrpc.Frame(new SimpleRequest { ResponseStatus = new EchoStatus { Code = 9, Message = "nope" } }));
        Assert.True(response.IsTrailersOnly);
        Assert.Equal("9", response.Headers["grpc-status"]);
        Assert.Equal("nope", response.Headers["grpc-message"]);
        Assert.Equal("application/grpc", response.Headers["content-type"]);
    }

    [Fact]
    public async Task An_error_after_messages_comes_in_trailers_after_them()
    {
        var first = new StreamingOutputCallRequest();
        first.ResponseParameters.Add(new ResponseParameters { Size = 10 });
        var second = new StreamingOutputCallRequest { ResponseStatus = new EchoStatus { Code = 10, Message = "aborted later" } };
        var response = await RawGrpc.CallAsync(Address, "/grpc.testing.TestService/FullDuplexCall", [.. RawGrpc.Frame(first), .. RawGrpc.Frame(second)]);
        Assert.False(response.Headers.ContainsKey("grpc-status"));
        Assert.Equal("10", response.Trailers["grpc-status"]);
        Assert.Equal("aborted later", response.Trailers["grpc-message"]);
        Assert.Equal(5 + new StreamingOutputCallResponse { Payload = new Payload { Body = ByteString.CopyFrom(new byte[10]) } }.CalculateSize(), response.Body.Length);
    }

    [Fact]
    public async Task A_truncated_frame_is_INTERNAL()
    {
        var frame = RawGrpc.Frame(new ProbeRequest { Payload = ByteString.CopyFrom(new byte[100]) });
        var response = await RawGrpc.CallAsync(Address, Echo, frame[..50]);
        Assert.Equal("13", response.Status);
        Assert.Contains("Incomplete message", response.Message);
    }

    [Fact]
    public async Task A_length_prefix_beyond_the_limit_is_RESOURCE_EXHAUSTED_without_reading_the_rest()
    {
        var response = await RawGrpc.CallAsync(Address, Echo, RawGrpc.Frame([1, 2, 3], declaredLength: 0x7FFF_FFFF));
        Assert.Equal("8", response.Status);
        Assert.Contains("larger than max", response.Message);
    }

    [Fact]
    public async Task Garbage_protobuf_is_INTERNAL()
    {
        var response = await RawGrpc.CallAsync(Address, Echo, RawGrpc.Frame([0xFF, 0xFF, 0xFF, 0xFF, 0xFF]));
        Assert.Equal("13", response.Status);
        Assert.Contains("Failed to deserialize", response.Message);
    }

    [Fact]
    public async Task An_invalid_compressed_flag_is_INTERNAL()
    {
        var response = await RawGrpc.CallAsync(Address, Echo, RawGrpc.Frame(new ProbeRequest().ToByteArray(), flag: 7));
        Assert.Equal("13", response.Status);
        Assert.Contains("compressed flag", response.Message);
    }

    [Fact]
    public async Task A_compressed_message_without_grpc_encoding_is_INTERNAL()
    {
        var response = await RawGrpc.CallAsync(Address, Echo, RawGrpc.Frame(Gzip(new ProbeRequest { Key = "k" }.ToByteArray()), flag: 1));
        Assert.Equal("13", response.Status);
        Assert.Contains("no grpc-encoding", response.Message);
    }

    [Fact]
    public async Task An_unsupported_encoding_is_UNIMPLEMENTED_and_names_the_supported_ones()
    {
        var response = await RawGrpc.CallAsync(Address, Echo, RawGrpc.Frame(new ProbeRequest()), new Dictionary<string, string> { ["grpc-encoding"] = "br" });
        Assert.Equal("12", response.Status);
        Assert.Contains("gzip", response.Headers["grpc-accept-encoding"]);
    }

    [Fact]
    public async Task A_compressed_request_is_read_when_grpc_encoding_says_so()
    {
        var request = new ProbeRequest { Key = "gz", Payload = ByteString.CopyFrom(new byte[5000]) };
        var response = await RawGrpc.CallAsync(Address, Echo, RawGrpc.Frame(Gzip(request.ToByteArray()), flag: 1), new Dictionary<string, string> { ["grpc-encoding"] = "gzip" });
        Assert.Equal("0", response.Status);
        Assert.Equal(5000, ProbeReply.Parser.ParseFrom(response.Body.AsSpan(5)).Value);
    }

    [Fact]
    public async Task A_compression_bomb_is_RESOURCE_EXHAUSTED()
    {
        // 16 MiB of zeros compresses to a few KiB, under the limit until inflated.
        var bomb = new ProbeRequest { Payload = ByteString.CopyFrom(new byte[16 * 1024 * 1024]) }.ToByteArray();
        var compressed = Gzip(bomb, CompressionLevel.SmallestSize);
        Assert.True(compressed.Length < 1024 * 1024);
        var response = await RawGrpc.CallAsync(Address, Echo, RawGrpc.Frame(compressed, flag: 1), new Dictionary<string, string> { ["grpc-encoding"] = "gzip" });
        Assert.Equal("8", response.Status);
    }

    [Fact]
    public async Task Responses_are_not_compressed_for_a_client_that_does_not_accept_the_encoding()
    {
        var response = await RawGrpc.CallAsync(
            Address,
            "/grpc.testing.TestService/UnaryCall",
            RawGrpc.Frame(new SimpleRequest { ResponseCompressed = new BoolValue { Value = true }, ResponseSize = 1000 }));
        Assert.Equal("0", response.Status);
        Assert.Equal(0, response.Body[0]);
        Assert.False(response.Headers.ContainsKey("grpc-encoding"));
    }

    [Fact]
    public async Task Unknown_services_and_methods_are_UNIMPLEMENTED()
    {
        var method = await RawGrpc.CallAsync(Address, "/mlops.testing.ProbeService/NoSuchMethod", RawGrpc.Frame(new ProbeRequest()));
        Assert.Equal("12", method.Status);
        Assert.Equal("Method is unimplemented.", method.Message);
        Assert.True(method.IsTrailersOnly);

        var service = await RawGrpc.CallAsync(Address, "/no.such.Service/Method", RawGrpc.Frame(new ProbeRequest()));
        Assert.Equal("12", service.Status);
        Assert.Equal("Service is unimplemented.", service.Message);
    }

    [Fact]
    public async Task A_second_message_to_a_unary_method_is_INTERNAL()
    {
        var frame = RawGrpc.Frame(new ProbeRequest());
        var response = await RawGrpc.CallAsync(Address, Echo, [.. frame, .. frame]);
        Assert.Equal("13", response.Status);
    }

    [Fact]
    public async Task A_unary_request_without_a_message_is_INTERNAL()
    {
        var response = await RawGrpc.CallAsync(Address, Echo, []);
        Assert.Equal("13", response.Status);
    }

    [Fact]
    public async Task An_expired_grpc_timeout_is_DEADLINE_EXCEEDED_from_the_server()
    {
        var response = await RawGrpc.CallAsync(
            Address,
            "/mlops.testing.ProbeService/Sleep",
            RawGrpc.Frame(new ProbeRequest { Key = "raw-deadline" }),
            new Dictionary<string, string> { ["grpc-timeout"] = "100m" });
        Assert.Equal("4", response.Status);
        Assert.Equal("deadline", await fixture.Server.Probe.EndingOf("raw-deadline").WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Binary_metadata_is_base64_without_padding_and_read_with_or_without_it()
    {
        byte[] value = [0xab, 0xcd];
        foreach (var sent in new[] { "q80", "q80=" })
        {
            var response = await RawGrpc.CallAsync(
                Address, "/grpc.testing.TestService/UnaryCall", RawGrpc.Frame(new SimpleRequest()),
                new Dictionary<string, string> { ["x-grpc-test-echo-trailing-bin"] = sent });
            Assert.Equal("q80", response.Trailers["x-grpc-test-echo-trailing-bin"]);
            Assert.Equal(value, BinaryHeaderEncoding.Decode(response.Trailers["x-grpc-test-echo-trailing-bin"]));
        }
    }

    [Fact]
    public async Task Paths_are_case_sensitive()
    {
        var response = await RawGrpc.CallAsync(Address, "/grpc.testing.testservice/emptycall", RawGrpc.Frame(new Empty()));
        Assert.Equal("12", response.Status);
    }

    [Fact]
    public async Task A_malformed_binary_header_is_dropped_not_fatal()
    {
        var response = await RawGrpc.CallAsync(
            Address, "/grpc.testing.TestService/UnaryCall", RawGrpc.Frame(new SimpleRequest()),
            new Dictionary<string, string> { ["x-grpc-test-echo-trailing-bin"] = "a", ["x-grpc-test-echo-initial"] = "tab\there" });
        Assert.Equal("0", response.Status);
        Assert.False(response.Trailers.ContainsKey("x-grpc-test-echo-trailing-bin"));
        Assert.Equal("tab\there", response.Headers["x-grpc-test-echo-initial"]);
    }

    [Fact]
    public async Task A_deadline_that_passes_while_the_client_does_not_read_resets_the_stream_with_CANCEL()
    {
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.AddRange(Enumerable.Range(0, 300).Select(_ => new ResponseParameters { Size = 64 * 1024 }));
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(Address, "/grpc.testing.TestService/StreamingOutputCall"))
        {
            Version = System.Net.HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(RawGrpc.Frame(request)),
        };
        message.Content.Headers.TryAddWithoutValidation("Content-Type", "application/grpc");
        message.Headers.TryAddWithoutValidation("grpc-timeout", "500m");
        using var client = new HttpMessageInvoker(new SocketsHttpHandler());
        using var response = await client.SendAsync(message, CancellationToken.None);
        var body = await response.Content.ReadAsStreamAsync();

        // Stop reading for longer than the deadline and its grace period.
        await Task.Delay(3000);
        var error = await Assert.ThrowsAsync<HttpProtocolException>(() => body.CopyToAsync(Stream.Null));
        Assert.Equal(0x8, error.ErrorCode);

        var after = await RawGrpc.CallAsync(Address, Echo, RawGrpc.Frame(new ProbeRequest { Key = "after-reset" }));
        Assert.Equal("0", after.Status);
    }

    private static byte[] Gzip(byte[] data, CompressionLevel level = CompressionLevel.Fastest)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, level))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
