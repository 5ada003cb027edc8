using Mlops.Deployment;
using Mlops.Deployment.Gateway;
using Mlops.Deployment.Grpc;
using Mlops.Grpc.Server;
using Mlops.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDeployment();
builder.AddGateway();

var app = builder.Build();
app.MapGrpcService<EndpointsService>();
app.MapGrpcService<DeploymentsService>();
app.MapGrpcService<PromotionsService>();
app.MapGateway();
app.MapGrpcHealthService();
app.MapGrpcReflectionService();
app.MapDefaultEndpoints();

await app.RunAsync();
