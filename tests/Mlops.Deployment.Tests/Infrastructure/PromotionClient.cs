using Google.Protobuf.WellKnownTypes;
using Mlops.Deployment.V1;
using Mlops.Grpc;
using Mlops.Grpc.Client;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Mlops.Deployment.Tests.Infrastructure;

/// <summary>mlops.deployment.v1.Promotions through our gRPC client, as whichever user (and groups) a call names.</summary>
public sealed class PromotionClient(GrpcChannel channel)
{
    private static readonly ServiceDescriptor Service = PromotionsReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Promotions");

    private static readonly Method<CreateRouteRequest, PromotionRoute> CreateRouteMethod = Of<CreateRouteRequest, PromotionRoute>("CreateRoute");
    private static readonly Method<GetRouteRequest, PromotionRoute> GetRouteMethod = Of<GetRouteRequest, PromotionRoute>("GetRoute");
    private static readonly Method<ListRoutesRequest, ListRoutesResponse> ListRoutesMethod = Of<ListRoutesRequest, ListRoutesResponse>("ListRoutes");
    private static readonly Method<DeleteRouteRequest, Empty> DeleteRouteMethod = Of<DeleteRouteRequest, Empty>("DeleteRoute");
    private static readonly Method<StartPromotionRequest, Promotion> StartMethod = Of<StartPromotionRequest, Promotion>("StartPromotion");
    private static readonly Method<GetPromotionRequest, Promotion> GetMethod = Of<GetPromotionRequest, Promotion>("GetPromotion");
    private static readonly Method<ListPromotionsRequest, ListPromotionsResponse> ListMethod = Of<ListPromotionsRequest, ListPromotionsResponse>("ListPromotions");
    private static readonly Method<DecidePromotionRequest, Promotion> ApproveMethod = Of<DecidePromotionRequest, Promotion>("ApprovePromotion");
    private static readonly Method<DecidePromotionRequest, Promotion> RejectMethod = Of<DecidePromotionRequest, Promotion>("RejectPromotion");
    private static readonly Method<CancelPromotionRequest, Promotion> CancelMethod = Of<CancelPromotionRequest, Promotion>("CancelPromotion");
    private static readonly Method<RollbackEndpointRequest, Traffic> RollbackMethod = Of<RollbackEndpointRequest, Traffic>("RollbackEndpoint");

    public async Task<PromotionRoute> CreateRouteAsync(PromotionRoute route) =>
        await channel.UnaryAsync(CreateRouteMethod, new CreateRouteRequest { Route = route }, As(DeploymentClient.User));

    public async Task<PromotionRoute> GetRouteAsync(string modelName) =>
        await channel.UnaryAsync(GetRouteMethod, new GetRouteRequest { ModelName = modelName }, As(DeploymentClient.User));

    public async Task<ListRoutesResponse> ListRoutesAsync(int pageSize, string pageToken = "") =>
        await channel.UnaryAsync(ListRoutesMethod, new ListRoutesRequest { PageSize = pageSize, PageToken = pageToken }, As(DeploymentClient.User));

    public async Task DeleteRouteAsync(string modelName) =>
        await channel.UnaryAsync(DeleteRouteMethod, new DeleteRouteRequest { ModelName = modelName }, As(DeploymentClient.User));

    public async Task<Promotion> StartAsync(string modelName, int version, string user = DeploymentClient.User) =>
        await channel.UnaryAsync(StartMethod, new StartPromotionRequest { ModelName = modelName, Version = version }, As(user));

    public async Task<Promotion> GetAsync(string id) => await channel.UnaryAsync(GetMethod, new GetPromotionRequest { Id = id }, As(DeploymentClient.User));

    public async Task<ListPromotionsResponse> ListAsync(ListPromotionsRequest request) => await channel.UnaryAsync(ListMethod, request, As(DeploymentClient.User));

    public async Task<Promotion> ApproveAsync(string id, string comment, string user, string groups = "") =>
        await channel.UnaryAsync(ApproveMethod, new DecidePromotionRequest { Id = id, Comment = comment }, As(user, groups));

    public async Task<Promotion> RejectAsync(string id, string comment, string user, string groups = "") =>
        await channel.UnaryAsync(RejectMethod, new DecidePromotionRequest { Id = id, Comment = comment }, As(user, groups));

    public async Task<Promotion> CancelAsync(string id, string reason) =>
        await channel.UnaryAsync(CancelMethod, new CancelPromotionRequest { Id = id, Reason = reason }, As(DeploymentClient.User));

    public async Task<Traffic> RollbackEndpointAsync(string endpoint, string etag = "") =>
        await channel.UnaryAsync(RollbackMethod, new RollbackEndpointRequest { Endpoint = endpoint, Etag = etag }, As(DeploymentClient.User));

    /// <summary>The model's only promotion, once there is one (an approval event starts it in its own time).</summary>
    public async Task<Promotion> SoleAsync(string modelName)
    {
        ListPromotionsResponse? page = null;
        await Testing.Eventually.UntilAsync(
            async () => (page = await ListAsync(new ListPromotionsRequest { ModelName = modelName })).Promotions.Count > 0,
            $"a promotion of {modelName}");
        return Assert.Single(page!.Promotions);
    }

    /// <summary>The promotion once <paramref name="condition"/> holds of it.</summary>
    public async Task<Promotion> WaitAsync(string id, Func<Promotion, bool> condition, string what)
    {
        Promotion? promotion = null;
        try
        {
            await Testing.Eventually.UntilAsync(async () => condition(promotion = await GetAsync(id)), $"promotion {id}: {what}");
        }
        catch (TimeoutException e)
        {
            // Where it stopped says more than that it did.
            throw new TimeoutException($"{e.Message}; last seen: {promotion}", e);
        }

        return promotion!;
    }

    private static CallOptions As(string user, string groups = "")
    {
        var metadata = new Metadata().Add("x-mlops-user", user);
        if (groups.Length > 0)
        {
            metadata.Add("x-mlops-groups", groups);
        }

        return CallOptions.WithTimeout(TimeSpan.FromSeconds(60), metadata);
    }

    private static Method<TRequest, TResponse> Of<TRequest, TResponse>(string name)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>
        where TResponse : class, Google.Protobuf.IMessage<TResponse> =>
        Method<TRequest, TResponse>.FromDescriptor(Service.FindMethodByName(name));
}
