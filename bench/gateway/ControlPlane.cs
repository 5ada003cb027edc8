using System.Security.Cryptography;
using Google.Protobuf;
using Mlops.Deployment.V1;
using Mlops.Grpc;
using Mlops.Grpc.Client;
using Mlops.Registry.V1;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Mlops.Bench.Gateway;

/// <summary>Puts a model behind an endpoint the way a user would: registered in the registry, deployed, given all the traffic.</summary>
internal sealed class ControlPlane(GrpcChannel registry, GrpcChannel deployment)
{
    private static readonly ServiceDescriptor ModelRegistry = RegistryReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ModelRegistry");
    private static readonly ServiceDescriptor Endpoints = DeploymentReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Endpoints");
    private static readonly ServiceDescriptor Deployments = DeploymentReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Deployments");

    public async Task DeployAsync(string modelName, byte[] artifact, string endpoint, string deploymentName)
    {
        await registry.UnaryAsync(Unary<CreateModelRequest, Model>(ModelRegistry, "CreateModel"), new CreateModelRequest { Name = modelName }, Options());
        using (var upload = registry.ClientStreaming(Method<CreateModelVersionRequest, ModelVersion>.FromDescriptor(ModelRegistry.FindMethodByName("CreateModelVersion")), Options()))
        {
            await upload.RequestStream.WriteAsync(new CreateModelVersionRequest
            {
                Header = new ModelVersionHeader
                {
                    ModelName = modelName,
                    ArtifactSha256 = Convert.ToHexStringLower(SHA256.HashData(artifact)),
                    ArtifactSizeBytes = artifact.Length,
                    ArtifactFileName = "model.json",
                    Flavor = "xgboost",
                },
            });
            await upload.RequestStream.WriteAsync(new CreateModelVersionRequest { Chunk = ByteString.CopyFrom(artifact) });
            await upload.RequestStream.CompleteAsync();
            await upload.ResponseAsync;
        }

        await deployment.UnaryAsync(Unary<CreateEndpointRequest, Endpoint>(Endpoints, "CreateEndpoint"), new CreateEndpointRequest { Name = endpoint, Environment = "production" }, Options());
        await deployment.UnaryAsync(
            Unary<CreateDeploymentRequest, Mlops.Deployment.V1.Deployment>(Deployments, "CreateDeployment"),
            new CreateDeploymentRequest { Endpoint = endpoint, Name = deploymentName, Model = new ModelReference { ModelName = modelName, Alias = "latest" } },
            Options());
        var traffic = new SetTrafficRequest { Endpoint = endpoint };
        traffic.Weights.Add(deploymentName, 100);
        await deployment.UnaryAsync(Unary<SetTrafficRequest, Traffic>(Endpoints, "SetTraffic"), traffic, Options());
    }

    private static Method<TRequest, TResponse> Unary<TRequest, TResponse>(ServiceDescriptor service, string name)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        Method<TRequest, TResponse>.FromDescriptor(service.FindMethodByName(name));

    private static CallOptions Options() => CallOptions.WithTimeout(TimeSpan.FromSeconds(60), new Metadata().Add("x-mlops-user", "bench"));
}
