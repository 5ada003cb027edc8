using Mlops.Inference.Grpc;
using Mlops.Inference.Tests.Infrastructure;

namespace Mlops.Inference.Tests.Unit;

public sealed class RawTensorCodecTests
{
    [Fact]
    public void Every_datatype_round_trips()
    {
        var tensors = Tensors.OfEveryDataType();
        var decoded = tensors
            .Select(t => new InferenceTensor(t.Name, t.DataType, t.Shape, RawTensorCodec.Decode($"Input '{t.Name}'", t.DataType, t.Shape, RawTensorCodec.Encode(t))))
            .ToList();
        Tensors.AssertSame(tensors, decoded);
    }

    [Fact]
    public void Elements_are_little_endian_without_padding()
    {
        Assert.Equal("01000000FEFFFFFF", Convert.ToHexString(RawTensorCodec.Encode(InferenceTensor.Create("x", [2], new[] { 1, -2 }))));
        Assert.Equal("0000803F", Convert.ToHexString(RawTensorCodec.Encode(InferenceTensor.Create("x", [1], new[] { 1f }))));
        Assert.Equal("003C", Convert.ToHexString(RawTensorCodec.Encode(InferenceTensor.Create("x", [1], new[] { (Half)1 }))));
        Assert.Equal("0100", Convert.ToHexString(RawTensorCodec.Encode(InferenceTensor.Create("x", [2], new[] { true, false }))));
    }

    [Fact]
    public void Bytes_elements_carry_a_four_byte_little_endian_length()
    {
        var tensor = InferenceTensor.Create("s", [2], new[] { "ab"u8.ToArray(), Array.Empty<byte>() });
        Assert.Equal("02000000616200000000", Convert.ToHexString(RawTensorCodec.Encode(tensor)));
    }

    [Fact]
    public void Any_non_zero_byte_is_true()
    {
        var values = (bool[])RawTensorCodec.Decode("Input 'b'", TensorDataType.Bool, [3], [0, 1, 0xFF]);
        Assert.Equal([false, true, true], values);
    }

    [Fact]
    public void A_length_that_does_not_match_the_shape_is_invalid_and_named()
    {
        var error = Assert.Throws<InferenceException>(() => RawTensorCodec.Decode("Input 'a'", TensorDataType.Fp32, [2, 2], new byte[12]));
        Assert.Equal(InferenceErrorCode.InvalidArgument, error.Code);
        Assert.Contains("Input 'a'", error.Message, StringComparison.Ordinal);
        Assert.Contains("16 bytes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0500000061", 1)]
    [InlineData("010000", 1)]
    [InlineData("01000000610100000062", 1)]
    [InlineData("0100000061", 2)]
    public void Bytes_content_that_does_not_hold_exactly_the_elements_is_invalid(string hex, long elements)
    {
        var error = Assert.Throws<InferenceException>(() =>
            RawTensorCodec.Decode("Input 's'", TensorDataType.Bytes, [elements], Convert.FromHexString(hex)));
        Assert.Equal(InferenceErrorCode.InvalidArgument, error.Code);
        Assert.Contains("Input 's'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_dimension_is_invalid()
    {
        var error = Assert.Throws<InferenceException>(() => RawTensorCodec.Decode("Input 'a'", TensorDataType.Fp32, [-1, 2], []));
        Assert.Contains("non-negative", error.Message, StringComparison.Ordinal);
    }
}
