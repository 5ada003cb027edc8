using Mlops.Inference.Grpc;
using Mlops.Inference.Grpc.V2;
using Mlops.Inference.Tests.Infrastructure;

namespace Mlops.Inference.Tests.Unit;

public sealed class TensorContentsCodecTests
{
    [Fact]
    public void Every_datatype_but_fp16_round_trips()
    {
        var tensors = Tensors.OfEveryDataType().Where(t => t.DataType != TensorDataType.Fp16).ToList();
        var decoded = tensors
            .Select(t => new InferenceTensor(t.Name, t.DataType, t.Shape, TensorContentsCodec.Decode($"Input '{t.Name}'", t.DataType, t.Shape, TensorContentsCodec.Encode(t))))
            .ToList();
        Tensors.AssertSame(tensors, decoded);
    }

    [Fact]
    public void Narrow_integers_travel_widened()
    {
        var contents = TensorContentsCodec.Encode(InferenceTensor.Create("x", [2], new sbyte[] { -3, 4 }));
        Assert.Equal([-3, 4], contents.IntContents);
        contents = TensorContentsCodec.Encode(InferenceTensor.Create("x", [2], new ushort[] { 3, 65535 }));
        Assert.Equal([3u, 65535u], contents.UintContents);
    }

    [Fact]
    public void Data_in_another_datatypes_field_is_invalid()
    {
        var contents = new InferTensorContents { IntContents = { 1, 2 } };
        var error = Assert.Throws<InferenceException>(() => TensorContentsCodec.Decode("Input 'a'", TensorDataType.Fp32, [2], contents));
        Assert.Equal(InferenceErrorCode.InvalidArgument, error.Code);
        Assert.Equal("Input 'a' is FP32, which travels in fp32_contents, but it carries int_contents.", error.Message);
    }

    [Fact]
    public void Fp16_has_no_typed_contents()
    {
        var error = Assert.Throws<InferenceException>(() => TensorContentsCodec.Decode("Input 'h'", TensorDataType.Fp16, [1], new InferTensorContents()));
        Assert.Contains("FP16", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => TensorContentsCodec.Encode(InferenceTensor.Create("h", [1], new[] { (Half)1 })));
    }

    [Theory]
    [InlineData(TensorDataType.Int8, 128)]
    [InlineData(TensorDataType.Int8, -129)]
    [InlineData(TensorDataType.Int16, 40_000)]
    public void Signed_values_out_of_the_datatypes_range_are_invalid(TensorDataType dataType, int value)
    {
        var error = Assert.Throws<InferenceException>(() =>
            TensorContentsCodec.Decode("Input 'i'", dataType, [1], new InferTensorContents { IntContents = { value } }));
        Assert.Contains("out of its range", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TensorDataType.UInt8, 256u)]
    [InlineData(TensorDataType.UInt16, 65_536u)]
    public void Unsigned_values_out_of_the_datatypes_range_are_invalid(TensorDataType dataType, uint value)
    {
        var error = Assert.Throws<InferenceException>(() =>
            TensorContentsCodec.Decode("Input 'u'", dataType, [1], new InferTensorContents { UintContents = { value } }));
        Assert.Contains("Input 'u'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_element_count_that_does_not_match_the_shape_is_invalid()
    {
        var error = Assert.Throws<InferenceException>(() =>
            TensorContentsCodec.Decode("Input 'a'", TensorDataType.Fp32, [2, 2], new InferTensorContents { Fp32Contents = { 1, 2, 3 } }));
        Assert.Equal("Input 'a' has shape [2, 2] (4 elements) but its data holds 3.", error.Message);
    }

    [Fact]
    public void Signed_and_unsigned_tensors_of_one_size_stay_apart()
    {
        // The runtime lets an sbyte[] pass for a byte[]; the datatype, not the array, decides.
        var tensor = InferenceTensor.Create("x", [1], new sbyte[] { -1 });
        Assert.Equal([-1], TensorContentsCodec.Encode(tensor).IntContents);
        Assert.Throws<InvalidOperationException>(() => tensor.GetData<byte>());
        Assert.Throws<InvalidOperationException>(() => InferenceTensor.Create("y", [1], new[] { -1 }).GetData<uint>());
    }
}
