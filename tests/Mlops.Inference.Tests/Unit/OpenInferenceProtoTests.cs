using Google.Protobuf;
using Mlops.Inference.Grpc;
using Mlops.Inference.Grpc.V2;
using Mlops.Inference.Tests.Infrastructure;

namespace Mlops.Inference.Tests.Unit;

public sealed class OpenInferenceProtoTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_request_round_trips_through_the_wire(bool raw)
    {
        var request = new InferenceRequest("echo", "3", Tensors.OfEveryDataType())
        {
            Id = "r1",
            Outputs = [new("fp32") { Parameters = new Dictionary<string, InferenceParameter> { ["classification"] = InferenceParameter.Of(2L) } }],
            Parameters = new Dictionary<string, InferenceParameter>
            {
                ["b"] = InferenceParameter.Of(true),
                ["s"] = InferenceParameter.Of("x"),
                ["d"] = InferenceParameter.Of(0.25),
                ["u"] = InferenceParameter.Of(ulong.MaxValue),
            },
        };
        var wire = ModelInferRequest.Parser.ParseFrom(OpenInferenceProto.ToProto(request, raw).ToByteArray());

        // FP16 has no typed field, so a request holding it always travels raw.
        Assert.Equal(Tensors.OfEveryDataType().Count, wire.RawInputContents.Count);
        var back = OpenInferenceProto.FromProto(wire);
        Assert.Equal(("echo", "3", "r1"), (back.ModelName, back.ModelVersion, back.Id));
        Tensors.AssertSame(request.Inputs, back.Inputs);
        Assert.Equal(request.Parameters.OrderBy(p => p.Key), back.Parameters.OrderBy(p => p.Key));
        Assert.Equal(2L, Assert.Single(back.Outputs).Parameters["classification"].Value);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_response_round_trips_typed_or_raw(bool raw)
    {
        var tensors = Tensors.OfEveryDataType().Where(t => t.DataType != TensorDataType.Fp16).ToList();
        var response = new InferenceResponse("echo", tensors) { ModelVersion = "2", Id = "r" };
        var wire = ModelInferResponse.Parser.ParseFrom(OpenInferenceProto.ToProto(response, raw).ToByteArray());
        Assert.Equal(raw ? tensors.Count : 0, wire.RawOutputContents.Count);
        Assert.Equal(!raw, wire.Outputs.All(o => o.Contents is not null));
        var back = OpenInferenceProto.FromProto(wire);
        Tensors.AssertSame(tensors, back.Outputs);
        Assert.Equal(("2", "r"), (back.ModelVersion, back.Id));
    }

    [Fact]
    public void Raw_input_contents_need_one_entry_per_input()
    {
        var wire = TwoInputs();
        wire.RawInputContents.Add(ByteString.CopyFrom(new byte[4]));
        var error = Assert.Throws<InferenceException>(() => OpenInferenceProto.FromProto(wire));
        Assert.Equal("raw_input_contents has 1 entries for 2 inputs; it needs one per input, in order.", error.Message);
    }

    [Fact]
    public void Raw_and_typed_contents_in_one_request_are_invalid()
    {
        var wire = TwoInputs(1);
        wire.Inputs[1].Contents = new InferTensorContents { Fp32Contents = { 1 } };
        wire.RawInputContents.Add(ByteString.CopyFrom(new byte[4]));
        wire.RawInputContents.Add(ByteString.CopyFrom(new byte[4]));
        var error = Assert.Throws<InferenceException>(() => OpenInferenceProto.FromProto(wire));
        Assert.StartsWith("Input 'b' has typed contents although", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_contents_are_read_in_the_order_of_the_inputs()
    {
        var wire = TwoInputs(1);
        wire.RawInputContents.Add(ByteString.CopyFrom(BitConverter.GetBytes(1f)));
        wire.RawInputContents.Add(ByteString.CopyFrom(BitConverter.GetBytes(2f)));
        var request = OpenInferenceProto.FromProto(wire);
        Assert.Equal([1f], request.Inputs[0].GetData<float>());
        Assert.Equal([2f], request.Inputs[1].GetData<float>());
    }

    [Fact]
    public void An_input_without_a_name_or_with_an_unknown_datatype_is_invalid()
    {
        var wire = TwoInputs();
        wire.Inputs[0].Name = "";
        Assert.Equal("An input has no name.", Assert.Throws<InferenceException>(() => OpenInferenceProto.FromProto(wire)).Message);
        wire = TwoInputs();
        wire.Inputs[1].Datatype = "FLOAT32";
        Assert.StartsWith("Input 'b' has datatype 'FLOAT32'", Assert.Throws<InferenceException>(() => OpenInferenceProto.FromProto(wire)).Message, StringComparison.Ordinal);
    }

    private static ModelInferRequest TwoInputs(long length = 0) => new()
    {
        ModelName = "add",
        Inputs =
        {
            new ModelInferRequest.Types.InferInputTensor { Name = "a", Datatype = "FP32", Shape = { length } },
            new ModelInferRequest.Types.InferInputTensor { Name = "b", Datatype = "FP32", Shape = { length } },
        },
    };
}
