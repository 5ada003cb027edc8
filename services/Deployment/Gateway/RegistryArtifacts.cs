using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Mlops.Grpc;
using Mlops.Grpc.Client;
using Mlops.Inference;
using Mlops.Registry.V1;

namespace Mlops.Deployment.Gateway;

/// <summary>A version's signature and input example (GetModelVersion) and its artifact (DownloadModelVersionArtifact) from the registry.</summary>
public sealed class RegistryArtifacts(GrpcChannel registry)
{
    private static readonly ServiceDescriptor Registry = RegistryReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ModelRegistry");
    private static readonly Method<GetModelVersionRequest, ModelVersion> GetVersionMethod =
        Method<GetModelVersionRequest, ModelVersion>.FromDescriptor(Registry.FindMethodByName("GetModelVersion"));
    private static readonly Method<DownloadModelVersionArtifactRequest, ArtifactChunk> DownloadMethod =
        Method<DownloadModelVersionArtifactRequest, ArtifactChunk>.FromDescriptor(Registry.FindMethodByName("DownloadModelVersionArtifact"));

    public async Task<RegisteredVersion> GetVersionAsync(string workspace, string modelName, int version, CancellationToken cancellationToken)
    {
        var request = new GetModelVersionRequest { Workspace = workspace, ModelName = modelName, Version = version };
        ModelVersion registered;
        try
        {
            using var call = registry.UnaryAsync(GetVersionMethod, request, CallOptions.WithTimeout(TimeSpan.FromSeconds(30), cancellationToken: cancellationToken));
            registered = await call.ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw new ModelLoadException($"The registry did not return {modelName} version {version} ({e.StatusCode}: {e.Status.Detail}).", e);
        }

        var signature = registered.Signature;
        return new RegisteredVersion(
            signature is null ? [] : [.. signature.Inputs.Select(Tensor)],
            signature is null ? [] : [.. signature.Outputs.Select(Tensor)],
            registered.InputExample);
    }

    /// <summary>Writes the artifact's bytes to <paramref name="destination"/>.</summary>
    public async Task DownloadAsync(string workspace, string modelName, int version, Stream destination, CancellationToken cancellationToken)
    {
        var request = new DownloadModelVersionArtifactRequest { Workspace = workspace, ModelName = modelName, Version = version };
        try
        {
            using var call = registry.ServerStreaming(DownloadMethod, request, CallOptions.WithTimeout(TimeSpan.FromMinutes(10), cancellationToken: cancellationToken));
            await foreach (var chunk in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (chunk.File is not null)
                {
                    throw new ModelLoadException($"{modelName} version {version} is a directory artifact; the builtin runtime loads one JSON model file.");
                }

                await destination.WriteAsync(chunk.Data.Memory, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RpcException e)
        {
            throw new ModelLoadException($"The registry did not send the artifact of {modelName} version {version} ({e.StatusCode}: {e.Status.Detail}).", e);
        }
    }

    private static TensorMetadata Tensor(TensorSpec spec) =>
        TensorDataTypes.TryParse(spec.Datatype, out var dataType)
            ? new TensorMetadata(spec.Name, dataType, [.. spec.Shape])
            : throw new ModelLoadException($"The signature's tensor '{spec.Name}' has datatype '{spec.Datatype}', which the protocol does not know.");
}
