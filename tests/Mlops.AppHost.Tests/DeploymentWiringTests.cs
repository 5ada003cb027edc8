using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Mlops.Deployment.V1;
using Mlops.Grpc;
using Mlops.Registry.V1;
using Mlops.Resources;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Mlops.AppHost.Tests;

[Collection(SystemCollection.Name)]
public sealed class DeploymentWiringTests(SystemFixture system)
{
    private static readonly ServiceDescriptor Registry = RegistryReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ModelRegistry");
    private static readonly Method<CreateModelRequest, Model> CreateModel = Method<CreateModelRequest, Model>.FromDescriptor(Registry.FindMethodByName("CreateModel"));
    private static readonly Method<CreateModelVersionRequest, ModelVersion> CreateModelVersion =
        Method<CreateModelVersionRequest, ModelVersion>.FromDescriptor(Registry.FindMethodByName("CreateModelVersion"));
    private static readonly ServiceDescriptor Endpoints = DeploymentReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Endpoints");
    private static readonly ServiceDescriptor Deployments = DeploymentReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Deployments");
    private static readonly Method<CreateEndpointRequest, Endpoint> CreateEndpoint = Method<CreateEndpointRequest, Endpoint>.FromDescriptor(Endpoints.FindMethodByName("CreateEndpoint"));
    private static readonly Method<CreateDeploymentRequest, Mlops.Deployment.V1.Deployment> CreateDeployment =
        Method<CreateDeploymentRequest, Mlops.Deployment.V1.Deployment>.FromDescriptor(Deployments.FindMethodByName("CreateDeployment"));

    [Fact]
    public async Task The_deployment_service_resolves_a_model_version_through_the_registry_the_AppHost_points_it_at()
    {
        var application = system.Application;
        var registry = application.CreateGrpcChannel(ResourceNames.Registry);
        var deployment = application.CreateGrpcChannel(ResourceNames.Deployment);
        var model = $"wired-{Guid.NewGuid():N}"[..18];
        var artifact = Encoding.UTF8.GetBytes($"{{\"model\": \"{model}\"}}");
        await registry.UnaryAsync(CreateModel, new CreateModelRequest { Name = model }).ResponseAsync;
        using (var upload = registry.ClientStreaming(CreateModelVersion))
        {
            await upload.RequestStream.WriteAsync(new CreateModelVersionRequest
            {
                Header = new ModelVersionHeader
                {
                    ModelName = model,
                    ArtifactSha256 = Convert.ToHexStringLower(SHA256.HashData(artifact)),
                    ArtifactSizeBytes = artifact.Length,
                    ArtifactFileName = "model.json",
                },
            });
            await upload.RequestStream.WriteAsync(new CreateModelVersionRequest { Chunk = ByteString.CopyFrom(artifact) });
            await upload.RequestStream.CompleteAsync();
            await upload.ResponseAsync;
        }

        await deployment.UnaryAsync(CreateEndpoint, new CreateEndpointRequest { Name = model, Environment = "staging" }).ResponseAsync;
        var created = await deployment.UnaryAsync(
            CreateDeployment,
            new CreateDeploymentRequest { Endpoint = model, Name = "blue", Model = new Mlops.Deployment.V1.ModelReference { ModelName = model, Alias = "latest" } }).ResponseAsync;

        Assert.Equal((1, Convert.ToHexStringLower(SHA256.HashData(artifact))), (created.ModelVersion, created.ArtifactSha256));
    }
}
