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
    private static readonly Method<ApproveModelVersionRequest, ApprovalOutcome> ApproveMethod =
        Method<ApproveModelVersionRequest, ApprovalOutcome>.FromDescriptor(
            ApprovalsReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ModelApprovals").FindMethodByName("ApproveModelVersion"));
    private static readonly Method<SetAliasRequest, ModelAlias> SetAliasMethod =
        Method<SetAliasRequest, ModelAlias>.FromDescriptor(AliasesReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ModelAliases").FindMethodByName("SetAlias"));

    public async Task CreateModelAsync(string name) => await channel.UnaryAsync(CreateModelMethod, new CreateModelRequest { Name = name }, Options());

    public async Task<ModelVersion> UploadAsync(string modelName, byte[] artifact, ModelSignature? signature = null, string inputExample = "")
    {
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

    /// <summary>Approves a version as "risk-officer" (the registry's separation of duties: not its creator); the registry then publishes ModelVersionApproved.</summary>
    public async Task ApproveAsync(string modelName, int version) =>
        await channel.UnaryAsync(
            ApproveMethod,
            new ApproveModelVersionRequest { ModelName = modelName, Version = version, Comment = "holdout metrics reviewed" },
            CallOptions.WithTimeout(TimeSpan.FromSeconds(60), new Metadata().Add("x-mlops-user", "risk-officer")));

    /// <summary>A model of its own with one READY version: the artifact, and a signature and input example when given.</summary>
    public async Task<ModelVersion> RegisterAsync(string modelName, byte[] artifact, ModelSignature? signature = null, string inputExample = "")
    {
        await CreateModelAsync(modelName);
        return await UploadAsync(modelName, artifact, signature, inputExample);
    }

    public static TensorSpec Tensor(string name, string datatype, params long[] shape)
    {
        var spec = new TensorSpec { Name = name, Datatype = datatype };
        spec.Shape.AddRange(shape);
        return spec;
    }

    public async Task SetAliasAsync(string modelName, string alias, int version) =>
        await channel.UnaryAsync(SetAliasMethod, new SetAliasRequest { ModelName = modelName, Alias = alias, Version = version }, Options());

    public const string Creator = "data-scientist";

    private static CallOptions Options() => CallOptions.WithTimeout(TimeSpan.FromSeconds(60), new Metadata().Add("x-mlops-user", Creator));
}
