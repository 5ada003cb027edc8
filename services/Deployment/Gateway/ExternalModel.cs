using Mlops.Grpc;
using Mlops.Grpc.Client;
using Mlops.Inference;
using Mlops.Inference.Grpc;
using Mlops.Inference.Grpc.V2;

namespace Mlops.Deployment.Gateway;

/// <summary>
/// A deployment served by another Open Inference Protocol server over gRPC: requests are forwarded under the remote
/// model's name and version and the answers come back under the endpoint's name. Its metadata is the remote's.
/// </summary>
public sealed class ExternalModel : ServedModel
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    private readonly GrpcChannel _channel;
    private readonly ExternalUrl _url;

    private ExternalModel(GrpcChannel channel, ExternalUrl url, ModelMetadata metadata)
    {
        _channel = channel;
        _url = url;
        Metadata = metadata;
    }

    public override ModelMetadata Metadata { get; }

    /// <summary>Connects, and returns the model once the remote says it is ready.</summary>
    /// <exception cref="ModelLoadException">The URL is wrong, the remote cannot be reached, or its model is not ready.</exception>
    public static async Task<ExternalModel> ConnectAsync(string externalUrl, string endpoint, string deployment, CancellationToken cancellationToken)
    {
        var url = ExternalUrl.Parse(externalUrl);
        var channel = GrpcChannel.ForAddress(url.Authority);
        try
        {
            var options = CallOptions.WithTimeout(CallTimeout, cancellationToken: cancellationToken);
            var ready = await CallAsync(channel, GrpcInferenceMethods.ModelReady, new ModelReadyRequest { Name = url.ModelName, Version = url.ModelVersion ?? string.Empty }, options)
                .ConfigureAwait(false);
            if (!ready.Ready)
            {
                throw new ModelLoadException($"The external runtime at {externalUrl} says its model is not ready.");
            }

            var remote = await CallAsync(channel, GrpcInferenceMethods.ModelMetadata, new ModelMetadataRequest { Name = url.ModelName, Version = url.ModelVersion ?? string.Empty }, options)
                .ConfigureAwait(false);
            var metadata = OpenInferenceProto.FromProto(remote) with { Name = endpoint, Versions = [deployment] };
            return new ExternalModel(channel, url, metadata);
        }
        catch (Exception e) when (e is RpcException or HttpRequestException or IOException or InferenceException)
        {
            channel.Dispose();
            throw new ModelLoadException($"The external runtime at {externalUrl} did not answer ModelReady and ModelMetadata: {Describe(e)}", e);
        }
        catch
        {
            channel.Dispose();
            throw;
        }
    }

    public override async Task<InferenceResponse> InferAsync(InferenceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = OpenInferenceProto.ToProto(request with { ModelName = _url.ModelName, ModelVersion = _url.ModelVersion });
        try
        {
            var response = await CallAsync(_channel, GrpcInferenceMethods.ModelInfer, message, CallOptions.WithTimeout(CallTimeout, cancellationToken: cancellationToken))
                .ConfigureAwait(false);
            return OpenInferenceProto.FromProto(response) with { ModelName = Metadata.Name, ModelVersion = null };
        }
        catch (RpcException e)
        {
            var code = e.StatusCode switch
            {
                StatusCode.InvalidArgument => InferenceErrorCode.InvalidArgument,
                StatusCode.NotFound or StatusCode.Unavailable or StatusCode.DeadlineExceeded => InferenceErrorCode.Unavailable,
                _ => InferenceErrorCode.Internal,
            };
            throw new InferenceException(code, $"The external runtime of '{Metadata.Name}' answered {e.StatusCode}: {e.Status.Detail}", e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new InferenceException(InferenceErrorCode.Unavailable, $"The external runtime of '{Metadata.Name}' cannot be reached: {e.Message}", e);
        }
    }

    public override ValueTask DisposeAsync()
    {
        _channel.Dispose();
        return base.DisposeAsync();
    }

    private static async Task<TResponse> CallAsync<TRequest, TResponse>(GrpcChannel channel, Method<TRequest, TResponse> method, TRequest request, CallOptions options)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>
        where TResponse : class, Google.Protobuf.IMessage<TResponse>
    {
        using var call = channel.UnaryAsync(method, request, options);
        return await call.ResponseAsync.ConfigureAwait(false);
    }

    private static string Describe(Exception e) => e is RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : e.Message;
}
