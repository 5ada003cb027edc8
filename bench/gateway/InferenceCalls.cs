using Google.Protobuf;
using Mlops.Grpc;
using Mlops.Grpc.Client;
using Mlops.Inference;
using Mlops.Inference.Grpc;
using Mlops.Inference.Grpc.V2;

namespace Mlops.Bench.Gateway;

/// <summary>Open Inference Protocol calls to one endpoint of the gateway, as any KServe or Triton client makes them.</summary>
internal sealed class InferenceCalls(GrpcChannel channel, string endpoint)
{
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                var ready = await channel.UnaryAsync(GrpcInferenceMethods.ModelReady, new ModelReadyRequest { Name = endpoint }, Options());
                if (ready.Ready)
                {
                    return;
                }
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.Unavailable)
            {
                // Not loaded yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The endpoint {endpoint} was not ready within {timeout}.");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>One row as the model's first input, in the datatype its metadata names, sent as raw contents (as Triton's clients do).</summary>
    public async Task<ModelInferRequest> SingleRowRequestAsync(float[] row)
    {
        var metadata = OpenInferenceProto.FromProto(await channel.UnaryAsync(GrpcInferenceMethods.ModelMetadata, new ModelMetadataRequest { Name = endpoint }, Options()));
        var input = metadata.Inputs[0];
        var shape = input.Shape.Count == 1 ? new long[] { row.Length } : [1, row.Length];
        var tensor = input.DataType == TensorDataType.Fp64
            ? InferenceTensor.Create(input.Name, shape, row.Select(value => (double)value).ToArray())
            : InferenceTensor.Create(input.Name, shape, row);
        return OpenInferenceProto.ToProto(new InferenceRequest(endpoint, null, [tensor]), rawContents: true);
    }

    /// <summary>The first value of the first output.</summary>
    public async Task<double> InferAsync(ModelInferRequest request)
    {
        var response = OpenInferenceProto.FromProto(await channel.UnaryAsync(GrpcInferenceMethods.ModelInfer, request, Options()));
        return Convert.ToDouble(response.Outputs[0].Data.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task CallAsync(ModelInferRequest request) => CallAsync(channel, request);

    public static async Task CallAsync(GrpcChannel channel, ModelInferRequest request) =>
        await channel.UnaryAsync(GrpcInferenceMethods.ModelInfer, request, Options());

    private static CallOptions Options() => CallOptions.WithTimeout(TimeSpan.FromSeconds(30));
}
