using Mlops.Inference.Tests.Infrastructure;

namespace Mlops.Inference.Tests.Unit;

public sealed class InferenceValidatorTests
{
    private static readonly ModelMetadata Add = TestModelHost.Add;

    [Fact]
    public void A_request_that_fits_the_metadata_passes()
    {
        InferenceValidator.Validate(Request(A([3, 2]), B([3, 2])) with { Outputs = [new("difference")] }, Add);
    }

    [Fact]
    public void A_variable_dimension_takes_any_size_including_zero()
    {
        InferenceValidator.Validate(Request(A([0, 2]), B([0, 2])), Add);
        InferenceValidator.Validate(Request(A([1000, 2]), B([1000, 2])), Add);
    }

    [Fact]
    public void A_missing_input_is_named()
    {
        var error = Invalid(Request(A([1, 2])));
        Assert.Equal("Missing input 'b' for model 'add'.", error.Message);
    }

    [Fact]
    public void An_unexpected_input_is_named()
    {
        var error = Invalid(Request(A([1, 2]), B([1, 2]), InferenceTensor.Create("c", [1], new[] { 1f })));
        Assert.Equal("Unexpected input 'c' for model 'add', which takes 'a', 'b'.", error.Message);
    }

    [Fact]
    public void Input_names_are_case_sensitive()
    {
        var error = Invalid(Request(A([1, 2]), InferenceTensor.Create("B", [1, 2], new[] { 1f, 2f })));
        Assert.Contains("Unexpected input 'B'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_datatype_is_named()
    {
        var error = Invalid(Request(A([1, 2]), InferenceTensor.Create("b", [1, 2], new[] { 1.0, 2.0 })));
        Assert.Equal("Input 'b' has datatype FP64; model 'add' expects FP32.", error.Message);
    }

    [Theory]
    [InlineData(new long[] { 1, 3 })]
    [InlineData(new long[] { 2 })]
    [InlineData(new long[] { 1, 1, 2 })]
    public void A_shape_that_breaks_a_fixed_dimension_or_the_rank_is_named(long[] shape)
    {
        var error = Invalid(Request(A([1, 2]), B(shape)));
        Assert.StartsWith("Input 'b' has shape [", error.Message, StringComparison.Ordinal);
        Assert.Contains("expects [-1, 2]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_input_given_twice_is_invalid()
    {
        var error = Invalid(Request(A([1, 2]), B([1, 2]), B([1, 2])));
        Assert.Equal("Input 'b' is given more than once.", error.Message);
    }

    [Fact]
    public void An_unknown_requested_output_is_named()
    {
        var error = Invalid(Request(A([1, 2]), B([1, 2])) with { Outputs = [new("sum"), new("product")] });
        Assert.Equal("Unknown output 'product' for model 'add', which gives 'sum', 'difference'.", error.Message);
    }

    private static InferenceException Invalid(InferenceRequest request)
    {
        var error = Assert.Throws<InferenceException>(() => InferenceValidator.Validate(request, Add));
        Assert.Equal(InferenceErrorCode.InvalidArgument, error.Code);
        return error;
    }

    private static InferenceRequest Request(params InferenceTensor[] inputs) => new("add", null, inputs);

    private static InferenceTensor A(long[] shape) => Fp32("a", shape);

    private static InferenceTensor B(long[] shape) => Fp32("b", shape);

    private static InferenceTensor Fp32(string name, long[] shape) =>
        InferenceTensor.Create(name, shape, new float[TensorShape.ElementCount(shape)!.Value]);
}
