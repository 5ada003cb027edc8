using System.Text;
using System.Text.Json;
using Mlops.Inference.Rest;

namespace Mlops.Inference.Tests.Unit;

public sealed class OpenInferenceJsonTests
{
    [Fact]
    public void A_request_reads_with_its_id_parameters_and_requested_outputs()
    {
        var request = Read("""
            {
              "id": "42",
              "parameters": { "s": "text", "b": true, "i": -3, "u": 18446744073709551615, "d": 0.5 },
              "inputs": [ { "name": "a", "shape": [2, 2], "datatype": "UINT32", "data": [1, 2, 3, 4], "parameters": { "p": 1 } } ],
              "outputs": [ { "name": "sum", "parameters": { "q": false } } ]
            }
            """);
        Assert.Equal("42", request.Id);
        Assert.Equal("m", request.ModelName);
        Assert.Null(request.ModelVersion);
        Assert.Equal("text", request.Parameters["s"].Value);
        Assert.Equal(true, request.Parameters["b"].Value);
        Assert.Equal(-3L, request.Parameters["i"].Value);
        Assert.Equal(ulong.MaxValue, request.Parameters["u"].Value);
        Assert.Equal(0.5, request.Parameters["d"].Value);
        var input = Assert.Single(request.Inputs);
        Assert.Equal(TensorDataType.UInt32, input.DataType);
        Assert.Equal([1u, 2u, 3u, 4u], input.GetData<uint>());
        Assert.Equal(1L, input.Parameters["p"].Value);
        Assert.Equal("sum", Assert.Single(request.Outputs).Name);
        Assert.Equal(false, request.Outputs[0].Parameters["q"].Value);
    }

    [Fact]
    public void Nested_data_is_the_same_tensor_as_flat_data()
    {
        var nested = Read("""{"inputs":[{"name":"x","shape":[2,2],"datatype":"FP64","data":[[1,2],[4,5]]}]}""").Inputs[0];
        var flat = Read("""{"inputs":[{"name":"x","shape":[2,2],"datatype":"FP64","data":[1,2,4,5]}]}""").Inputs[0];
        Assert.Equal(flat.GetData<double>(), nested.GetData<double>());
        Assert.Equal([1.0, 2.0, 4.0, 5.0], nested.GetData<double>());
    }

    [Fact]
    public void Every_datatype_reads_from_json_values()
    {
        var request = Read("""
            {"inputs":[
              {"name":"b","shape":[2],"datatype":"BOOL","data":[true,false]},
              {"name":"u8","shape":[1],"datatype":"UINT8","data":[255]},
              {"name":"i8","shape":[1],"datatype":"INT8","data":[-128]},
              {"name":"u64","shape":[1],"datatype":"UINT64","data":[18446744073709551615]},
              {"name":"i64","shape":[1],"datatype":"INT64","data":[-9223372036854775808]},
              {"name":"h","shape":[1],"datatype":"FP16","data":[0.5]},
              {"name":"f","shape":[3],"datatype":"FP32","data":["NaN","Infinity","-Infinity"]},
              {"name":"s","shape":[1],"datatype":"BYTES","data":["héllo"]}
            ]}
            """);
        Assert.Equal([true, false], request.Inputs[0].GetData<bool>());
        Assert.Equal([(byte)255], request.Inputs[1].GetData<byte>());
        Assert.Equal([(sbyte)-128], request.Inputs[2].GetData<sbyte>());
        Assert.Equal([ulong.MaxValue], request.Inputs[3].GetData<ulong>());
        Assert.Equal([long.MinValue], request.Inputs[4].GetData<long>());
        Assert.Equal([(Half)0.5], request.Inputs[5].GetData<Half>());
        Assert.Equal([float.NaN, float.PositiveInfinity, float.NegativeInfinity], request.Inputs[6].GetData<float>());
        Assert.Equal("héllo", Encoding.UTF8.GetString(request.Inputs[7].GetData<byte[]>()[0]));
    }

    [Theory]
    [InlineData("""{"Inputs":[]}""", "The request needs \"inputs\", an array.")]
    [InlineData("""{"inputs":[{"Name":"a","shape":[1],"datatype":"FP32","data":[1]}]}""", "An input has no \"name\".")]
    [InlineData("""{"inputs":[{"name":"a","shape":[1],"datatype":"fp32","data":[1]}]}""", "Input 'a' has datatype 'fp32'")]
    [InlineData("""{"inputs":[{"name":"a","shape":[1],"datatype":"FP32","Data":[1]}]}""", "Input 'a' needs \"data\", an array.")]
    [InlineData("""{"inputs":[{"name":"a","shape":[2,2],"datatype":"FP32","data":[1,2,3]}]}""", "Input 'a' has shape [2, 2] (4 elements) but its data holds 3.")]
    [InlineData("""{"inputs":[{"name":"a","shape":[-1],"datatype":"FP32","data":[]}]}""", "Input 'a' has shape [-1]; dimensions must be non-negative integers.")]
    [InlineData("""{"inputs":[{"name":"a","shape":[1],"datatype":"INT32","data":[1.5]}]}""", "Input 'a' is INT32, but element 0 (1.5) is not a INT32 value.")]
    [InlineData("""{"inputs":[{"name":"a","shape":[1],"datatype":"UINT8","data":[256]}]}""", "element 0 (256)")]
    [InlineData("""{"inputs":[{"name":"a","shape":[1],"datatype":"BOOL","data":[1]}]}""", "Input 'a' is BOOL")]
    [InlineData("""{"inputs":[{"name":"a","shape":[1],"datatype":"BYTES","data":[7]}]}""", "Input 'a' is BYTES")]
    [InlineData("""{"inputs":[{"name":"a","shape":[1],"datatype":"FP32","data":[1e39]}]}""", "Input 'a' is FP32")]
    [InlineData("""{"inputs":[{"name":"a","shape":[1],"datatype":"FP32","data":["nan"]}]}""", "Input 'a' is FP32")]
    [InlineData("""{"inputs":[{"name":"a","shape":[1],"datatype":"FP32","parameters":{"binary_data_size":4}}]}""", "binary tensor data extension")]
    [InlineData("""{"id":7,"inputs":[]}""", "\"id\" must be a string.")]
    [InlineData("""{"inputs":[],"parameters":{"x":null}}""", "parameter 'x'")]
    [InlineData("""[1]""", "The request body must be a JSON object.")]
    public void Requests_that_break_the_json_form_are_invalid(string json, string message)
    {
        var error = Assert.Throws<InferenceException>(() => Read(json));
        Assert.Equal(InferenceErrorCode.InvalidArgument, error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_response_writes_the_protocols_json()
    {
        var response = new InferenceResponse(
            "add",
            [
                InferenceTensor.Create("y", [2, 2], new[] { 1.5f, float.NaN, -2f, 0f }),
                InferenceTensor.Create("s", [1], new[] { "ok"u8.ToArray() }),
            ])
        {
            ModelVersion = "1",
            Id = "42",
            Parameters = new Dictionary<string, InferenceParameter> { ["n"] = InferenceParameter.Of(3L) },
        };
        Assert.Equal(
            """{"model_name":"add","model_version":"1","id":"42","parameters":{"n":3},"outputs":[{"name":"y","datatype":"FP32","shape":[2,2],"data":[1.5,"NaN",-2,0]},{"name":"s","datatype":"BYTES","shape":[1],"data":["ok"]}]}""",
            Write(w => OpenInferenceJson.WriteResponse(w, response)));
    }

    [Fact]
    public void A_response_without_version_or_id_leaves_them_out()
    {
        Assert.Equal(
            """{"model_name":"m","outputs":[]}""",
            Write(w => OpenInferenceJson.WriteResponse(w, new InferenceResponse("m", []))));
    }

    [Fact]
    public void Metadata_writes_variable_dimensions_as_minus_one()
    {
        var metadata = new ModelMetadata("m", [new("a", TensorDataType.Int64, [-1, 3])], [new("b", TensorDataType.Bytes, [-1])]) { Versions = ["1", "2"], Platform = "onnx_onnxv1" };
        Assert.Equal(
            """{"name":"m","versions":["1","2"],"platform":"onnx_onnxv1","inputs":[{"name":"a","datatype":"INT64","shape":[-1,3]}],"outputs":[{"name":"b","datatype":"BYTES","shape":[-1]}]}""",
            Write(w => OpenInferenceJson.WriteModelMetadata(w, metadata)));
        Assert.Equal(
            """{"name":"srv","version":"1.0","extensions":[]}""",
            Write(w => OpenInferenceJson.WriteServerMetadata(w, new ServerMetadata("srv", "1.0"))));
    }

    private static InferenceRequest Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return OpenInferenceJson.ReadRequest(document.RootElement, "m", null);
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
