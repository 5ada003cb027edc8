using Google.Protobuf;
using Mlops.Grpc;
using Mlops.Grpc.Client;
using Mlops.Inference.Grpc;
using Mlops.Inference.Grpc.V2;
using Mlops.Inference.Tests.Infrastructure;

namespace Mlops.Inference.Tests.Grpc;

/// <summary>inference.GRPCInferenceService on Kestrel, called with our gRPC client.</summary>
[Collection(InferenceServerCollection.Name)]
public sealed class GrpcInferenceTests(InferenceServerFixture fixture)
{
    private GrpcChannel Channel => fixture.Server.Channel;

    [Fact]
    public async Task Server_live_ready_and_metadata()
    {
        Assert.True((await Channel.UnaryAsync(GrpcInferenceMethods.ServerLive, new ServerLiveRequest())).Live);
        Assert.True((await Channel.UnaryAsync(GrpcInferenceMethods.ServerReady, new ServerReadyRequest())).Ready);
        var metadata = await Channel.UnaryAsync(GrpcInferenceMethods.ServerMetadata, new ServerMetadataRequest());
        Assert.Equal(("mlops-test", "0.1.0"), (metadata.Name, metadata.Version));
        Assert.Empty(metadata.Extensions);
    }

    [Fact]
    public async Task A_server_that_is_neither_live_nor_ready_says_so()
    {
        await using var server = await InferenceTestServer.StartAsync(new TestModelHost { Live = false, Ready = false });
        Assert.False((await server.Channel.UnaryAsync(GrpcInferenceMethods.ServerLive, new ServerLiveRequest())).Live);
        Assert.False((await server.Channel.UnaryAsync(GrpcInferenceMethods.ServerReady, new ServerReadyRequest())).Ready);
    }

    [Fact]
    public async Task Model_readiness_by_name_and_version()
    {
        Assert.True((await Channel.UnaryAsync(GrpcInferenceMethods.ModelReady, new ModelReadyRequest { Name = "add" })).Ready);
        Assert.True((await Channel.UnaryAsync(GrpcInferenceMethods.ModelReady, new ModelReadyRequest { Name = "add", Version = "1" })).Ready);
        Assert.False((await Channel.UnaryAsync(GrpcInferenceMethods.ModelReady, new ModelReadyRequest { Name = "warming" })).Ready);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => Channel.UnaryAsync(GrpcInferenceMethods.ModelReady, new ModelReadyRequest { Name = "add", Version = "7" }).ResponseAsync);
        Assert.Equal(new Status(StatusCode.NotFound, "Model 'add' version '7' is not found."), unknown.Status);
    }

    [Fact]
    public async Task Model_metadata_describes_inputs_and_outputs()
    {
        var metadata = await Channel.UnaryAsync(GrpcInferenceMethods.ModelMetadata, new ModelMetadataRequest { Name = "add" });
        Assert.Equal(TestModelHost.Add, OpenInferenceProto.FromProto(metadata), new ModelMetadataComparer());
        Assert.Equal(["1"], metadata.Versions);
        Assert.Equal([-1L, 2L], metadata.Inputs[0].Shape);
        Assert.Equal("FP32", metadata.Inputs[0].Datatype);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => Channel.UnaryAsync(GrpcInferenceMethods.ModelMetadata, new ModelMetadataRequest { Name = "nope" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Infer_with_typed_contents_answers_typed_contents()
    {
        var request = AddRequest();
        var response = await Channel.UnaryAsync(GrpcInferenceMethods.ModelInfer, request);
        Assert.Equal(("add", "1", "req-1"), (response.ModelName, response.ModelVersion, response.Id));
        Assert.Empty(response.RawOutputContents);
        Assert.Equal(["sum", "difference"], response.Outputs.Select(o => o.Name));
        Assert.Equal([11f, 22f, 33f, 44f], response.Outputs[0].Contents.Fp32Contents);
        Assert.Equal([-9f, -18f, -27f, -36f], response.Outputs[1].Contents.Fp32Contents);
        Assert.Equal([2L, 2L], response.Outputs[0].Shape);
        Assert.Equal("FP32", response.Outputs[0].Datatype);
        Assert.Equal("test", response.Parameters["runtime"].StringParam);
    }

    [Fact]
    public async Task Infer_with_raw_contents_answers_raw_contents()
    {
        var request = AddRequest();
        request.RawInputContents.AddRange(request.Inputs.Select(i => ByteString.CopyFrom(i.Contents.Fp32Contents.SelectMany(BitConverter.GetBytes).ToArray())));
        foreach (var input in request.Inputs)
        {
            input.Contents = null;
        }

        var response = await Channel.UnaryAsync(GrpcInferenceMethods.ModelInfer, request);
        Assert.Equal(2, response.RawOutputContents.Count);
        Assert.All(response.Outputs, o => Assert.Null(o.Contents));
        Assert.Equal([11f, 22f, 33f, 44f], Floats(response.RawOutputContents[0]));
        Assert.Equal([-9f, -18f, -27f, -36f], Floats(response.RawOutputContents[1]));
    }

    [Fact]
    public async Task Only_the_requested_outputs_come_back()
    {
        var request = AddRequest();
        request.Outputs.Add(new ModelInferRequest.Types.InferRequestedOutputTensor { Name = "difference" });
        var response = await Channel.UnaryAsync(GrpcInferenceMethods.ModelInfer, request);
        Assert.Equal("difference", Assert.Single(response.Outputs).Name);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_datatype_round_trips_typed_or_raw(bool raw)
    {
        var tensors = Tensors.OfEveryDataType().Where(t => t.DataType != TensorDataType.Fp16).ToList();
        var response = await Channel.UnaryAsync(GrpcInferenceMethods.ModelInfer, OpenInferenceProto.ToProto(new InferenceRequest("echo", null, tensors), raw));
        Assert.Equal(raw ? tensors.Count : 0, response.RawOutputContents.Count);
        Tensors.AssertSame(tensors, OpenInferenceProto.FromProto(response).Outputs);
    }

    [Fact]
    public async Task Fp16_travels_raw_both_ways()
    {
        var tensor = Tensors.OfEveryDataType().Single(t => t.DataType == TensorDataType.Fp16);
        var request = OpenInferenceProto.ToProto(new InferenceRequest("half", null, [tensor]));
        Assert.Single(request.RawInputContents);
        var response = await Channel.UnaryAsync(GrpcInferenceMethods.ModelInfer, request);
        Assert.Single(response.RawOutputContents);
        Tensors.AssertSame([tensor], OpenInferenceProto.FromProto(response).Outputs);

        var typed = new ModelInferRequest
        {
            ModelName = "half",
            Inputs = { new ModelInferRequest.Types.InferInputTensor { Name = "fp16", Datatype = "FP16", Shape = { 1 }, Contents = new InferTensorContents { Fp32Contents = { 1 } } } },
        };
        await AssertStatus(typed, StatusCode.InvalidArgument, "Input 'fp16' is FP16, which has no typed contents and travels only in raw contents, but it carries fp32_contents.");
    }

    [Fact]
    public async Task An_unknown_model_is_not_found()
    {
        var request = AddRequest();
        request.ModelName = "nope";
        await AssertStatus(request, StatusCode.NotFound, "Model 'nope' is not found.");
        request.ModelName = "add";
        request.ModelVersion = "2";
        await AssertStatus(request, StatusCode.NotFound, "Model 'add' version '2' is not found.");
    }

    [Fact]
    public async Task A_model_that_is_not_ready_is_unavailable()
    {
        var request = new ModelInferRequest
        {
            ModelName = "warming",
            Inputs = { new ModelInferRequest.Types.InferInputTensor { Name = "x", Datatype = "FP32", Shape = { 1 }, Contents = new InferTensorContents { Fp32Contents = { 1 } } } },
        };
        await AssertStatus(request, StatusCode.Unavailable, "Model 'warming' is not ready.");
    }

    [Fact]
    public async Task A_missing_input_is_invalid_and_named()
    {
        var request = AddRequest();
        request.Inputs.RemoveAt(1);
        await AssertStatus(request, StatusCode.InvalidArgument, "Missing input 'b' for model 'add'.");
    }

    [Fact]
    public async Task A_wrong_datatype_is_invalid_and_named()
    {
        var request = AddRequest();
        request.Inputs[1].Datatype = "FP64";
        request.Inputs[1].Contents = new InferTensorContents { Fp64Contents = { 1, 2, 3, 4 } };
        await AssertStatus(request, StatusCode.InvalidArgument, "Input 'b' has datatype FP64; model 'add' expects FP32.");
    }

    [Fact]
    public async Task A_shape_that_breaks_a_fixed_dimension_is_invalid_and_named()
    {
        var request = AddRequest();
        request.Inputs[0].Shape.Clear();
        request.Inputs[0].Shape.Add([1, 4]);
        await AssertStatus(request, StatusCode.InvalidArgument, "Input 'a' has shape [1, 4]; model 'add' expects [-1, 2] (-1: any size).");
    }

    [Fact]
    public async Task Data_that_does_not_fill_the_shape_is_invalid_and_named()
    {
        var request = AddRequest();
        request.Inputs[0].Contents.Fp32Contents.RemoveAt(3);
        await AssertStatus(request, StatusCode.InvalidArgument, "Input 'a' has shape [2, 2] (4 elements) but its data holds 3.");

        request = AddRequest();
        request.RawInputContents.Add(ByteString.CopyFrom(new byte[16]));
        request.RawInputContents.Add(ByteString.CopyFrom(new byte[15]));
        request.Inputs[0].Contents = null;
        request.Inputs[1].Contents = null;
        await AssertStatus(request, StatusCode.InvalidArgument, "Input 'b' has shape [2, 2] of FP32, 16 bytes, but its raw content holds 15 bytes.");
    }

    [Fact]
    public async Task An_unknown_output_is_invalid_and_named()
    {
        var request = AddRequest();
        request.Outputs.Add(new ModelInferRequest.Types.InferRequestedOutputTensor { Name = "product" });
        await AssertStatus(request, StatusCode.InvalidArgument, "Unknown output 'product' for model 'add', which gives 'sum', 'difference'.");
    }

    private async Task AssertStatus(ModelInferRequest request, StatusCode code, string detail)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Channel.UnaryAsync(GrpcInferenceMethods.ModelInfer, request).ResponseAsync);
        Assert.Equal(new Status(code, detail), error.Status);
    }

    private static float[] Floats(ByteString raw) =>
        Enumerable.Range(0, raw.Length / 4).Select(i => BitConverter.ToSingle(raw.Span[(i * 4)..])).ToArray();

    private static ModelInferRequest AddRequest() => new()
    {
        ModelName = "add",
        Id = "req-1",
        Inputs =
        {
            new ModelInferRequest.Types.InferInputTensor { Name = "a", Datatype = "FP32", Shape = { 2, 2 }, Contents = new InferTensorContents { Fp32Contents = { 1, 2, 3, 4 } } },
            new ModelInferRequest.Types.InferInputTensor { Name = "b", Datatype = "FP32", Shape = { 2, 2 }, Contents = new InferTensorContents { Fp32Contents = { 10, 20, 30, 40 } } },
        },
    };

    private sealed class ModelMetadataComparer : IEqualityComparer<ModelMetadata>
    {
        public bool Equals(ModelMetadata? x, ModelMetadata? y) =>
            x is not null && y is not null && x.Name == y.Name && x.Platform == y.Platform && x.Versions.SequenceEqual(y.Versions)
            && Same(x.Inputs, y.Inputs) && Same(x.Outputs, y.Outputs);

        public int GetHashCode(ModelMetadata obj) => obj.Name.GetHashCode(StringComparison.Ordinal);

        private static bool Same(IReadOnlyList<TensorMetadata> x, IReadOnlyList<TensorMetadata> y) =>
            x.Count == y.Count && x.Zip(y).All(p => p.First.Name == p.Second.Name && p.First.DataType == p.Second.DataType && p.First.Shape.SequenceEqual(p.Second.Shape));
    }
}
