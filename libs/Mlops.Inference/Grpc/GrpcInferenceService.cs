using Mlops.Grpc.Server;
using Mlops.Inference.Grpc.V2;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Mlops.Inference.Grpc;

/// <summary>
/// inference.GRPCInferenceService over the <see cref="InferenceDispatcher"/>. Outputs go back as
/// typed contents, or as raw_output_contents when the request sent raw_input_contents (what
/// Triton's clients send and expect) or an output is FP16.
/// </summary>
public sealed class GrpcInferenceService(InferenceDispatcher dispatcher) : IGrpcService
{
    public static ServiceDescriptor Descriptor => GrpcPredictV2Reflection.Descriptor.FindTypeByName<ServiceDescriptor>("GRPCInferenceService");

    public async Task<ServerLiveResponse> ServerLive(ServerLiveRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ServerLiveResponse { Live = await dispatcher.IsLiveAsync(context.CancellationToken).ConfigureAwait(false) };
    }

    public async Task<ServerReadyResponse> ServerReady(ServerReadyRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ServerReadyResponse { Ready = await dispatcher.IsReadyAsync(context.CancellationToken).ConfigureAwait(false) };
    }

    public async Task<ServerMetadataResponse> ServerMetadata(ServerMetadataRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return OpenInferenceProto.ToProto(await dispatcher.GetServerMetadataAsync(context.CancellationToken).ConfigureAwait(false));
    }

    public async Task<ModelReadyResponse> ModelReady(ModelReadyRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var model = await dispatcher.GetModelAsync(request.Name, request.Version, context.CancellationToken).ConfigureAwait(false);
            return new ModelReadyResponse { Ready = model.IsReady };
        }
        catch (InferenceException ex)
        {
            throw ex.ToRpcException();
        }
    }

    public async Task<ModelMetadataResponse> ModelMetadata(ModelMetadataRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var model = await dispatcher.GetModelAsync(request.Name, request.Version, context.CancellationToken).ConfigureAwait(false);
            return OpenInferenceProto.ToProto(model.Metadata);
        }
        catch (InferenceException ex)
        {
            throw ex.ToRpcException();
        }
    }

    public async Task<ModelInferResponse> ModelInfer(ModelInferRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var response = await dispatcher.InferAsync(OpenInferenceProto.FromProto(request), context.CancellationToken).ConfigureAwait(false);
            return OpenInferenceProto.ToProto(response, rawContents: request.RawInputContents.Count > 0);
        }
        catch (InferenceException ex)
        {
            throw ex.ToRpcException();
        }
    }
}
