using Google.Protobuf.WellKnownTypes;
using Mlops.Deployment.V1;
using Mlops.Grpc;
using Mlops.Grpc.Client;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Mlops.Deployment.Tests.Infrastructure;

/// <summary>The deployment service's methods through our gRPC client, over real h2c, as the user "deployer".</summary>
public sealed class DeploymentClient(GrpcChannel channel)
{
    public const string User = "deployer";

    private static readonly ServiceDescriptor EndpointsService = DeploymentReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Endpoints");
    private static readonly ServiceDescriptor DeploymentsService = DeploymentReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Deployments");

    private static readonly Method<CreateEndpointRequest, V1.Endpoint> CreateEndpointMethod = Of<CreateEndpointRequest, V1.Endpoint>(EndpointsService, "CreateEndpoint");
    private static readonly Method<GetEndpointRequest, V1.Endpoint> GetEndpointMethod = Of<GetEndpointRequest, V1.Endpoint>(EndpointsService, "GetEndpoint");
    private static readonly Method<ListEndpointsRequest, ListEndpointsResponse> ListEndpointsMethod = Of<ListEndpointsRequest, ListEndpointsResponse>(EndpointsService, "ListEndpoints");
    private static readonly Method<DeleteEndpointRequest, Empty> DeleteEndpointMethod = Of<DeleteEndpointRequest, Empty>(EndpointsService, "DeleteEndpoint");
    private static readonly Method<SetTrafficRequest, Traffic> SetTrafficMethod = Of<SetTrafficRequest, Traffic>(EndpointsService, "SetTraffic");
    private static readonly Method<GetTrafficRequest, Traffic> GetTrafficMethod = Of<GetTrafficRequest, Traffic>(EndpointsService, "GetTraffic");
    private static readonly Method<CreateDeploymentRequest, V1.Deployment> CreateDeploymentMethod = Of<CreateDeploymentRequest, V1.Deployment>(DeploymentsService, "CreateDeployment");
    private static readonly Method<GetDeploymentRequest, V1.Deployment> GetDeploymentMethod = Of<GetDeploymentRequest, V1.Deployment>(DeploymentsService, "GetDeployment");
    private static readonly Method<ListDeploymentsRequest, ListDeploymentsResponse> ListDeploymentsMethod =
        Of<ListDeploymentsRequest, ListDeploymentsResponse>(DeploymentsService, "ListDeployments");
    private static readonly Method<DeleteDeploymentRequest, Empty> DeleteDeploymentMethod = Of<DeleteDeploymentRequest, Empty>(DeploymentsService, "DeleteDeployment");

    public async Task<V1.Endpoint> CreateEndpointAsync(CreateEndpointRequest request) => await channel.UnaryAsync(CreateEndpointMethod, request, Options());

    public Task<V1.Endpoint> CreateEndpointAsync(string name, string environment = "staging") =>
        CreateEndpointAsync(new CreateEndpointRequest { Name = name, Environment = environment });

    public async Task<V1.Endpoint> GetEndpointAsync(string name) => await channel.UnaryAsync(GetEndpointMethod, new GetEndpointRequest { Name = name }, Options());

    public async Task<ListEndpointsResponse> ListEndpointsAsync(string environment, int pageSize, string pageToken = "") =>
        await channel.UnaryAsync(ListEndpointsMethod, new ListEndpointsRequest { Environment = environment, PageSize = pageSize, PageToken = pageToken }, Options());

    public async Task DeleteEndpointAsync(string name) => await channel.UnaryAsync(DeleteEndpointMethod, new DeleteEndpointRequest { Name = name }, Options());

    public async Task<Traffic> SetTrafficAsync(SetTrafficRequest request) => await channel.UnaryAsync(SetTrafficMethod, request, Options());

    public Task<Traffic> SetWeightsAsync(string endpoint, string etag, params (string Deployment, int Percent)[] weights)
    {
        var request = new SetTrafficRequest { Endpoint = endpoint, Etag = etag };
        foreach (var (deployment, percent) in weights)
        {
            request.Weights[deployment] = percent;
        }

        return SetTrafficAsync(request);
    }

    public async Task<Traffic> GetTrafficAsync(string endpoint) => await channel.UnaryAsync(GetTrafficMethod, new GetTrafficRequest { Endpoint = endpoint }, Options());

    public async Task<V1.Deployment> CreateDeploymentAsync(CreateDeploymentRequest request) => await channel.UnaryAsync(CreateDeploymentMethod, request, Options());

    public Task<V1.Deployment> CreateDeploymentAsync(string endpoint, string name, string modelName, int version = 0, string alias = "")
    {
        var model = new V1.ModelReference { ModelName = modelName };
        if (alias.Length > 0)
        {
            model.Alias = alias;
        }
        else
        {
            model.Version = version;
        }

        return CreateDeploymentAsync(new CreateDeploymentRequest { Endpoint = endpoint, Name = name, Model = model });
    }

    public async Task<V1.Deployment> GetDeploymentAsync(string endpoint, string name) =>
        await channel.UnaryAsync(GetDeploymentMethod, new GetDeploymentRequest { Endpoint = endpoint, Name = name }, Options());

    public async Task<ListDeploymentsResponse> ListDeploymentsAsync(string endpoint) =>
        await channel.UnaryAsync(ListDeploymentsMethod, new ListDeploymentsRequest { Endpoint = endpoint }, Options());

    public async Task DeleteDeploymentAsync(string endpoint, string name) =>
        await channel.UnaryAsync(DeleteDeploymentMethod, new DeleteDeploymentRequest { Endpoint = endpoint, Name = name }, Options());

    private static CallOptions Options() => CallOptions.WithTimeout(TimeSpan.FromSeconds(60), new Metadata().Add("x-mlops-user", User));

    private static Method<TRequest, TResponse> Of<TRequest, TResponse>(ServiceDescriptor service, string name)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>
        where TResponse : class, Google.Protobuf.IMessage<TResponse> =>
        Method<TRequest, TResponse>.FromDescriptor(service.FindMethodByName(name));
}
