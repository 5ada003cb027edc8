using System.Security.Cryptography;
using Google.Protobuf;
using Mlops.Grpc;
using Mlops.Grpc.Client;
using Mlops.Registry.V1;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Mlops.Deployment.Tests.Gateway;

/// <summary>Registers trained models in the real registry, with a signature and an input example when given.</summary>
public sealed class GatewayRegistry(GrpcChannel channel)
{
    private static readonly ServiceDescriptor Registry = RegistryReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ModelRegistry");
    private static readonly Method<CreateModelRequest, Model> CreateModelMethod = Method<CreateModelRequest, Model>.FromDescriptor(Registry.FindMethodByName("CreateModel"));
    private static readonly Method<CreateModelVersionRequest, ModelVersion> CreateVersionMethod =
        Method<CreateModelVersionRequest, ModelVersion>.FromDescriptor(Registry.FindMethodByName("CreateModelVersion"));

    public async Task<ModelVersion> RegisterAsync(string modelName, byte[] artifact, ModelSignature? signature = null, string inputExample = "")
    {
        using (var create = channel.UnaryAsync(CreateModelMethod, new CreateModelRequest { Name = modelName }, Options()))
        {
            await create.ResponseAsync;
        }

        using var call = channel.ClientStreaming(CreateVersionMethod, Options());
        var header = new ModelVersionHeader
        {
            ModelName = modelName,
            ArtifactSha256 = Convert.ToHexStringLower(SHA256.HashData(artifact)),
            ArtifactSizeBytes = artifact.Length,
            ArtifactFileName = "model.json",
            InputExample = inputExample,
        };
        if (signature is not null)
        {
            header.Signature = signature;
        }

        await call.RequestStream.WriteAsync(new CreateModelVersionRequest { Header = header });
        await call.RequestStream.WriteAsync(new CreateModelVersionRequest { Chunk = ByteString.CopyFrom(artifact) });
        await call.RequestStream.CompleteAsync();
        return await call.ResponseAsync;
    }

    public static TensorSpec Tensor(string name, string datatype, params long[] shape)
    {
        var spec = new TensorSpec { Name = name, Datatype = datatype };
        spec.Shape.AddRange(shape);
        return spec;
    }

    private static CallOptions Options() => CallOptions.WithTimeout(TimeSpan.FromSeconds(60), new Metadata().Add("x-mlops-user", "data-scientist"));
}
