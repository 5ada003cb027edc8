using Google.Protobuf.Reflection;
using Mlops.Inference.Grpc;
using Mlops.Inference.Grpc.V2;

namespace Mlops.Inference.Tests.Unit;

/// <summary>The wire contract KServe's and Triton's clients are built against: names and field numbers must not drift.</summary>
public sealed class ProtoContractTests
{
    [Fact]
    public void The_service_is_inference_GRPCInferenceService_with_the_six_methods()
    {
        var service = GrpcInferenceService.Descriptor;
        Assert.Equal("inference.GRPCInferenceService", service.FullName);
        Assert.Equal(
            ["ServerLive", "ServerReady", "ModelReady", "ServerMetadata", "ModelMetadata", "ModelInfer"],
            service.Methods.Select(m => m.Name));
        Assert.All(service.Methods, m => Assert.False(m.IsClientStreaming || m.IsServerStreaming));
    }

    [Theory]
    [InlineData("ModelInferRequest", "model_name:1 model_version:2 id:3 parameters:4 inputs:5 outputs:6 raw_input_contents:7")]
    [InlineData("ModelInferRequest.InferInputTensor", "name:1 datatype:2 shape:3 parameters:4 contents:5")]
    [InlineData("ModelInferRequest.InferRequestedOutputTensor", "name:1 parameters:2")]
    [InlineData("ModelInferResponse", "model_name:1 model_version:2 id:3 parameters:4 outputs:5 raw_output_contents:6")]
    [InlineData("ModelInferResponse.InferOutputTensor", "name:1 datatype:2 shape:3 parameters:4 contents:5")]
    [InlineData("InferParameter", "bool_param:1 int64_param:2 string_param:3 double_param:4 uint64_param:5")]
    [InlineData("InferTensorContents", "bool_contents:1 int_contents:2 int64_contents:3 uint_contents:4 uint64_contents:5 fp32_contents:6 fp64_contents:7 bytes_contents:8")]
    [InlineData("ModelMetadataResponse", "name:1 versions:2 platform:3 inputs:4 outputs:5")]
    [InlineData("ModelMetadataResponse.TensorMetadata", "name:1 datatype:2 shape:3")]
    [InlineData("ServerMetadataResponse", "name:1 version:2 extensions:3")]
    [InlineData("ModelReadyRequest", "name:1 version:2")]
    [InlineData("ModelMetadataRequest", "name:1 version:2")]
    [InlineData("ServerLiveResponse", "live:1")]
    [InlineData("ServerReadyResponse", "ready:1")]
    [InlineData("ModelReadyResponse", "ready:1")]
    public void Field_numbers_are_the_published_ones(string message, string fields)
    {
        var descriptor = AllMessages(GrpcPredictV2Reflection.Descriptor.MessageTypes).Single(m => m.FullName == "inference." + message);
        Assert.Equal(fields, string.Join(' ', descriptor.Fields.InDeclarationOrder().Select(f => $"{f.Name}:{f.FieldNumber}")));
    }

    private static IEnumerable<MessageDescriptor> AllMessages(IEnumerable<MessageDescriptor> messages) =>
        messages.SelectMany(m => AllMessages(m.NestedTypes).Prepend(m));
}
