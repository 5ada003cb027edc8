using Google.Protobuf.WellKnownTypes;
using Mlops.Deployment.Application;
using Mlops.Deployment.V1;
using Mlops.Grpc.Server;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Mlops.Deployment.Grpc;

/// <summary>mlops.deployment.v1.Endpoints: endpoints and their traffic.</summary>
public sealed class EndpointsService(EndpointUseCases endpoints, TrafficUseCases traffic) : IGrpcService
{
    public static ServiceDescriptor Descriptor => DeploymentReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Endpoints");

    public async Task<V1.Endpoint> CreateEndpoint(CreateEndpointRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var rollout = request.Rollout ?? new RolloutStrategy();
        var endpoint = await endpoints.CreateAsync(
            request.Name, request.Environment, request.Description, request.P95LatencyLimitMs, ProtoMapping.ToMode(rollout.Kind), rollout.CanarySteps.ToArray(),
            rollout.BakeSeconds, context.CancellationToken).ConfigureAwait(false);
        return endpoint.ToProto();
    }

    public async Task<V1.Endpoint> GetEndpoint(GetEndpointRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return (await endpoints.GetAsync(request.Name, context.CancellationToken).ConfigureAwait(false)).ToProto();
    }

    public async Task<ListEndpointsResponse> ListEndpoints(ListEndpointsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var page = await endpoints.ListAsync(request.Environment, request.PageSize, request.PageToken, context.CancellationToken).ConfigureAwait(false);
        var response = new ListEndpointsResponse { NextPageToken = page.NextPageToken };
        response.Endpoints.AddRange(page.Endpoints.Select(endpoint => endpoint.ToProto()));
        return response;
    }

    public async Task<Empty> DeleteEndpoint(DeleteEndpointRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        await endpoints.DeleteAsync(request.Name, context.CancellationToken).ConfigureAwait(false);
        return new Empty();
    }

    public async Task<Traffic> SetTraffic(SetTrafficRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var changed = await traffic.SetAsync(
            request.Endpoint, new Dictionary<string, int>(request.Weights), new Dictionary<string, int>(request.Mirrors), request.StickyHeader, request.Etag,
            context.CancellationToken).ConfigureAwait(false);
        return changed.ToProto();
    }

    public async Task<Traffic> GetTraffic(GetTrafficRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return (await traffic.GetAsync(request.Endpoint, context.CancellationToken).ConfigureAwait(false)).ToProto();
    }
}
