using Mlops.Grpc.Protocol;

namespace Mlops.Grpc.Tests.Protocol;

public sealed class EncodingTests
{
    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("100m", 1_000_000L)]
    [InlineData("250u", 2_500L)]
    [InlineData("1n", 1L)]
    [InlineData("99999999S", 999_999_990_000_000L)]
    public void Timeouts_parse_in_every_unit(string header, long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(header, out var timeout));
        Assert.Equal(ticks, timeout.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("m")]
    [InlineData("10")]
    [InlineData("10x")]
    [InlineData("-5m")]
    [InlineData("123456789m")]
    [InlineData("1.5S")]
    public void Bad_timeouts_are_refused(string header) => Assert.False(GrpcTimeout.TryParse(header, out _));

    [Theory]
    [InlineData(1, "1m")]
    [InlineData(1500, "1500m")]
    [InlineData(0.25, "250u")]
    public void Timeouts_format_to_at_most_8_digits(double milliseconds, string expected) =>
        Assert.Equal(expected, GrpcTimeout.Format(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void Long_timeouts_round_up_to_a_coarser_unit()
    {
        var header = GrpcTimeout.Format(TimeSpan.FromDays(400));
        Assert.True(header.Length <= 9);
        Assert.True(GrpcTimeout.TryParse(header, out var parsed));
        Assert.True(parsed >= TimeSpan.FromDays(400));
    }

    [Theory]
    [InlineData("plain message", "plain message")]
    [InlineData("100%", "100%25")]
    [InlineData("tab\there", "tab%09here")]
    [InlineData("☺", "%E2%98%BA")]
    [InlineData("😈", "%F0%9F%98%88")]
    public void Status_messages_are_percent_encoded_UTF8(string message, string wire)
    {
        Assert.Equal(wire, StatusMessageEncoding.Encode(message));
        Assert.Equal(message, StatusMessageEncoding.Decode(wire));
    }

    [Theory]
    [InlineData("50%", "50%")]
    [InlineData("%zz", "%zz")]
    [InlineData("%E2%98", "\uFFFD")]
    public void Malformed_percent_escapes_are_kept_not_thrown(string wire, string decoded) =>
        Assert.Equal(decoded, StatusMessageEncoding.Decode(wire));

    [Theory]
    [InlineData(new byte[] { 0xab, 0xab, 0xab }, "q6ur")]
    [InlineData(new byte[] { 0x01 }, "AQ")]
    [InlineData(new byte[] { 0x01, 0x02 }, "AQI")]
    public void Binary_metadata_is_unpadded_base64(byte[] value, string wire)
    {
        Assert.Equal(wire, BinaryHeaderEncoding.Encode(value));
        Assert.Equal(value, BinaryHeaderEncoding.Decode(wire));
        Assert.Equal(value, BinaryHeaderEncoding.Decode(wire.PadRight((wire.Length + 3) / 4 * 4, '=')));
    }

    [Fact]
    public void Metadata_keys_are_checked_and_lower_cased()
    {
        var metadata = new Metadata().Add("X-Custom", "v").Add("trace-bin", [1, 2]);
        Assert.Equal("x-custom", metadata[0].Key);
        Assert.Equal("v", metadata.GetValue("x-CUSTOM"));
        Assert.Equal([1, 2], metadata.GetValueBytes("trace-bin"));
        Assert.Throws<ArgumentException>(() => new Metadata().Add("bad key", "v"));
        Assert.Throws<ArgumentException>(() => new Metadata().Add("grpc-status", "0"));
        Assert.Throws<ArgumentException>(() => new Metadata().Add("text-bin", "v"));
        Assert.Throws<ArgumentException>(() => new Metadata().Add("bytes", [1]));
        Assert.Throws<ArgumentException>(() => new Metadata().Add("x", "line\nbreak"));
    }

    [Theory]
    [InlineData("application/grpc", true)]
    [InlineData("application/grpc+proto", true)]
    [InlineData("application/grpc;charset=utf-8", true)]
    [InlineData("application/grpcx", false)]
    [InlineData("application/json", false)]
    [InlineData(null, false)]
    public void Grpc_content_types_are_recognised(string? contentType, bool expected) =>
        Assert.Equal(expected, GrpcProtocol.IsGrpcContentType(contentType));

    [Fact]
    public void Comma_joined_binary_values_are_separate_entries_and_bad_ones_are_dropped()
    {
        var entries = MetadataEntry.FromHeader("x-bin", "AAE, AgM,a,q80=").ToList();
        Assert.Equal(3, entries.Count);
        Assert.Equal([0x00, 0x01], entries[0].ValueBytes);
        Assert.Equal([0x02, 0x03], entries[1].ValueBytes);
        Assert.Equal([0xab, 0xcd], entries[2].ValueBytes);

        var text = Assert.Single(MetadataEntry.FromHeader("x-text", "a, b"));
        Assert.Equal("a, b", text.Value);
    }

    [Fact]
    public void A_received_value_with_a_tab_can_be_sent_back() =>
        Assert.Equal("a\tb", new Metadata().Add("x-echo", "a\tb").GetValue("x-echo"));
}
