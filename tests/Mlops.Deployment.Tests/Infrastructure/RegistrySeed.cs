using System.Security.Cryptography;
using Google.Protobuf;
using Mlops.Grpc;
using Mlops.Grpc.Client;
using Mlops.Registry.V1;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Mlops.Deployment.Tests.Infrastructure;

/// <summary>Registers what the deployment tests resolve: a model with READY versions (real uploads) and an alias, through the registry's own API.</summary>
public sealed class RegistrySeed(GrpcChannel channel)
{
    private static readonly ServiceDescriptor Registry = RegistryReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ModelRegistry");
    private static readonly Method<CreateModelRequest, Model> CreateModelMethod = Method<CreateModelRequest, Model>.FromDescriptor(Registry.FindMethodByName("CreateModel"));
    private static readonly Method<CreateModelVersionRequest, ModelVersion> CreateVersionMethod =
        Method<CreateModelVersionRequest, ModelVersion>.FromDescriptor(Registry.FindMethodByName("CreateModelVersion"));
    private static readonly Method<SetAliasRequest, ModelAlias> SetAliasMethod =
        Method<SetAliasRequest, ModelAlias>.FromDescriptor(AliasesReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ModelAliases").FindMethodByName("SetAlias"));

    public async Task CreateModelAsync(string name) => await channel.UnaryAsync(CreateModelMethod, new CreateModelRequest { Name = name }, Options());

    public async Task<ModelVersion> UploadAsync(string modelName, byte[] artifact)
    {
        using var call = channel.ClientStreaming(CreateVersionMethod, Options());
        await call.RequestStream.WriteAsync(new CreateModelVersionRequest
        {
            Header = new ModelVersionHeader
            {
                ModelName = modelName,
                ArtifactSha256 = Convert.ToHexStringLower(SHA256.HashData(artifact)),
                ArtifactSizeBytes = artifact.Length,
                ArtifactFileName = "model.json",
            },
        });
        await call.RequestStream.WriteAsync(new CreateModelVersionRequest { Chunk = ByteString.CopyFrom(artifact) });
        await call.RequestStream.CompleteAsync();
        return await call.ResponseAsync;
    }

    public async Task SetAliasAsync(string modelName, string alias, int version) =>
        await channel.UnaryAsync(SetAliasMethod, new SetAliasRequest { ModelName = modelName, Alias = alias, Version = version }, Options());

    private static CallOptions Options() => CallOptions.WithTimeout(TimeSpan.FromSeconds(60), new Metadata().Add("x-mlops-user", "data-scientist"));
}
