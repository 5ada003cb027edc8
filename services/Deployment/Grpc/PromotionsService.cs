using Google.Protobuf.WellKnownTypes;
using Mlops.Deployment.Application;
using Mlops.Deployment.V1;
using Mlops.Grpc.Server;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Mlops.Deployment.Grpc;

/// <summary>mlops.deployment.v1.Promotions: routes, promotions, the human gate and traffic rollback.</summary>
public sealed class PromotionsService(PromotionRouteUseCases routes, PromotionUseCases promotions) : IGrpcService
{
    public static ServiceDescriptor Descriptor => PromotionsReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Promotions");

    public async Task<V1.PromotionRoute> CreateRoute(CreateRouteRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var route = request.Route ?? throw DeploymentException.Invalid("route is required.");
        var checks = route.Checks is { } given
            ? PromotionRules.Checks(given.InputExample, given.Signature, given.LoadTest, given.LoadTestRequests, given.LoadTestConcurrency)
            : PromotionRules.Checks(true, true, true, 0, 0);
        var created = await routes.CreateAsync(
            route.Workspace, route.ModelName, route.StagingEndpoint, route.ProductionEndpoint, route.Approvers.ToArray(), route.GateTimeoutSeconds, checks,
            context.CancellationToken).ConfigureAwait(false);
        return created.ToProto();
    }

    public async Task<V1.PromotionRoute> GetRoute(GetRouteRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return (await routes.GetAsync(request.Workspace, request.ModelName, context.CancellationToken).ConfigureAwait(false)).ToProto();
    }

    public async Task<ListRoutesResponse> ListRoutes(ListRoutesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var page = await routes.ListAsync(request.PageSize, request.PageToken, context.CancellationToken).ConfigureAwait(false);
        var response = new ListRoutesResponse { NextPageToken = page.NextPageToken };
        response.Routes.AddRange(page.Routes.Select(route => route.ToProto()));
        return response;
    }

    public async Task<Empty> DeleteRoute(DeleteRouteRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        await routes.DeleteAsync(request.Workspace, request.ModelName, context.CancellationToken).ConfigureAwait(false);
        return new Empty();
    }

    public async Task<Promotion> StartPromotion(StartPromotionRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return (await promotions.StartAsync(request.Workspace, request.ModelName, request.Version, context.CancellationToken).ConfigureAwait(false)).ToProto();
    }

    public async Task<Promotion> GetPromotion(GetPromotionRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return (await promotions.GetAsync(request.Id, context.CancellationToken).ConfigureAwait(false)).ToProto();
    }

    public async Task<ListPromotionsResponse> ListPromotions(ListPromotionsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var page = await promotions.ListAsync(
            request.Workspace, request.ModelName, PromotionProtoMapping.ToState(request.State), request.PageSize, request.PageToken, context.CancellationToken)
            .ConfigureAwait(false);
        var response = new ListPromotionsResponse { NextPageToken = page.NextPageToken };
        response.Promotions.AddRange(page.Promotions.Select(promotion => promotion.ToProto()));
        return response;
    }

    public async Task<Promotion> ApprovePromotion(DecidePromotionRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return (await promotions.ApproveAsync(request.Id, request.Comment, context.CancellationToken).ConfigureAwait(false)).ToProto();
    }

    public async Task<Promotion> RejectPromotion(DecidePromotionRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return (await promotions.RejectAsync(request.Id, request.Comment, context.CancellationToken).ConfigureAwait(false)).ToProto();
    }

    public async Task<Promotion> CancelPromotion(CancelPromotionRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return (await promotions.CancelAsync(request.Id, request.Reason, context.CancellationToken).ConfigureAwait(false)).ToProto();
    }

    public async Task<Traffic> RollbackEndpoint(RollbackEndpointRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return (await promotions.RollbackEndpointAsync(request.Endpoint, request.Etag, context.CancellationToken).ConfigureAwait(false)).ToProto();
    }
}
