using Google.Protobuf;
using Mlops.Grpc;
using Mlops.Inference.Grpc.V2;

namespace Mlops.Inference.Grpc;

/// <summary>The methods of inference.GRPCInferenceService, for calls with our GrpcChannel.</summary>
public static class GrpcInferenceMethods
{
    public static readonly Method<ServerLiveRequest, ServerLiveResponse> ServerLive = Create<ServerLiveRequest, ServerLiveResponse>("ServerLive", true);
    public static readonly Method<ServerReadyRequest, ServerReadyResponse> ServerReady = Create<ServerReadyRequest, ServerReadyResponse>("ServerReady", true);
    public static readonly Method<ModelReadyRequest, ModelReadyResponse> ModelReady = Create<ModelReadyRequest, ModelReadyResponse>("ModelReady", true);
    public static readonly Method<ServerMetadataRequest, ServerMetadataResponse> ServerMetadata = Create<ServerMetadataRequest, ServerMetadataResponse>("ServerMetadata", true);
    public static readonly Method<ModelMetadataRequest, ModelMetadataResponse> ModelMetadata = Create<ModelMetadataRequest, ModelMetadataResponse>("ModelMetadata", true);

    // A model may have side effects (or cost); only the caller knows whether a retry is safe.
    public static readonly Method<ModelInferRequest, ModelInferResponse> ModelInfer = Create<ModelInferRequest, ModelInferResponse>("ModelInfer", false);

    private static Method<TRequest, TResponse> Create<TRequest, TResponse>(string name, bool isIdempotent)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        Method<TRequest, TResponse>.FromDescriptor(GrpcInferenceService.Descriptor.FindMethodByName(name), isIdempotent);
}
