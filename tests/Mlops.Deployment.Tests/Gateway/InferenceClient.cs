using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mlops.Grpc;
using Mlops.Grpc.Client;
using Mlops.Inference;
using Mlops.Inference.Grpc;
using Mlops.Inference.Grpc.V2;

namespace Mlops.Deployment.Tests.Gateway;

/// <summary>The Open Inference Protocol of one deployment-service instance: gRPC through our client, REST through HttpClient.</summary>
public sealed class InferenceClient(GrpcChannel channel, Uri restBase) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = restBase };

    public async Task<InferenceResponse> InferAsync(InferenceRequest request, Metadata? headers = null)
    {
        using var call = channel.UnaryAsync(GrpcInferenceMethods.ModelInfer, OpenInferenceProto.ToProto(request), CallOptions.WithTimeout(TimeSpan.FromSeconds(30), headers));
        return OpenInferenceProto.FromProto(await call.ResponseAsync);
    }

    /// <summary>Rows of FP32 features as one input of shape [rows, features].</summary>
    public Task<InferenceResponse> InferRowsAsync(string endpoint, string? deployment, float[] rows, int features, string input = "input", Metadata? headers = null, string? id = null) =>
        InferAsync(new InferenceRequest(endpoint, deployment, [InferenceTensor.Create(input, [rows.Length / features, features], rows)]) { Id = id }, headers);

    public async Task<bool> IsReadyAsync(string endpoint, string deployment)
    {
        try
        {
            using var call = channel.UnaryAsync(GrpcInferenceMethods.ModelReady, new ModelReadyRequest { Name = endpoint, Version = deployment }, CallOptions.WithTimeout(TimeSpan.FromSeconds(10)));
            return (await call.ResponseAsync).Ready;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return false;
        }
    }

    public async Task<ModelMetadata> MetadataAsync(string endpoint, string deployment)
    {
        using var call = channel.UnaryAsync(GrpcInferenceMethods.ModelMetadata, new ModelMetadataRequest { Name = endpoint, Version = deployment }, CallOptions.WithTimeout(TimeSpan.FromSeconds(10)));
        return OpenInferenceProto.FromProto(await call.ResponseAsync);
    }

    /// <summary>POST /v2/models/{endpoint}[/versions/{deployment}]/infer with a JSON body; the status and the parsed body.</summary>
    public async Task<(int Status, JsonElement Body)> InferRestAsync(string endpoint, string? deployment, string json)
    {
        var path = deployment is null ? $"v2/models/{endpoint}/infer" : $"v2/models/{endpoint}/versions/{deployment}/infer";
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri(path, UriKind.Relative), content);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return ((int)response.StatusCode, body);
    }

    public static string RestRequest(string input, string datatype, float[] rows, int features, string? id = null)
    {
        var data = string.Join(",", rows.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        var idField = id is null ? string.Empty : $"\"id\":\"{id}\",";
        return $"{{{idField}\"inputs\":[{{\"name\":\"{input}\",\"datatype\":\"{datatype}\",\"shape\":[{rows.Length / features},{features}],\"data\":[{data}]}}]}}";
    }

    /// <summary>The values of an output, widened to double whatever its datatype.</summary>
    public static double[] Values(InferenceTensor tensor) => tensor.Data switch
    {
        float[] values => [.. values.Select(v => (double)v)],
        double[] values => values,
        _ => throw new InvalidOperationException($"Output '{tensor.Name}' is {tensor.DataType}."),
    };

    public void Dispose() => _http.Dispose();
}
