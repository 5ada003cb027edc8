using Google.Protobuf.WellKnownTypes;
using Mlops.Deployment.Application;
using Mlops.Deployment.V1;
using Mlops.Grpc.Server;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Mlops.Deployment.Grpc;

/// <summary>mlops.deployment.v1.Deployments: the model versions bound to an endpoint's runtimes.</summary>
public sealed class DeploymentsService(DeploymentUseCases deployments) : IGrpcService
{
    public static ServiceDescriptor Descriptor => DeploymentReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Deployments");

    public async Task<V1.Deployment> CreateDeployment(CreateDeploymentRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var deployment = await deployments.CreateAsync(
            request.Endpoint, request.Name, ProtoMapping.ToReference(request.Model), ProtoMapping.ToRuntime(request.Runtime), request.Replicas,
            context.CancellationToken).ConfigureAwait(false);
        return deployment.ToProto();
    }

    public async Task<V1.Deployment> GetDeployment(GetDeploymentRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return (await deployments.GetAsync(request.Endpoint, request.Name, context.CancellationToken).ConfigureAwait(false)).ToProto();
    }

    public async Task<ListDeploymentsResponse> ListDeployments(ListDeploymentsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var response = new ListDeploymentsResponse();
        response.Deployments.AddRange((await deployments.ListAsync(request.Endpoint, context.CancellationToken).ConfigureAwait(false)).Select(deployment => deployment.ToProto()));
        return response;
    }

    public async Task<Empty> DeleteDeployment(DeleteDeploymentRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        await deployments.DeleteAsync(request.Endpoint, request.Name, context.CancellationToken).ConfigureAwait(false);
        return new Empty();
    }
}
