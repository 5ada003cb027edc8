using Mlops.Deployment;
using Mlops.Deployment.Grpc;
using Mlops.Grpc.Server;
using Mlops.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDeployment();

var app = builder.Build();
app.MapGrpcService<EndpointsService>();
app.MapGrpcService<DeploymentsService>();
app.MapGrpcHealthService();
app.MapGrpcReflectionService();
app.MapDefaultEndpoints();

await app.RunAsync();
