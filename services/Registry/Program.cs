using Mlops.Grpc.Server;
using Mlops.Registry;
using Mlops.Registry.Grpc;
using Mlops.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRegistry();

var app = builder.Build();
app.MapGrpcService<WorkspacesService>();
app.MapGrpcService<ModelRegistryService>();
app.MapGrpcService<AuditLogService>();
app.MapGrpcService<ModelApprovalsService>();
app.MapGrpcService<ModelAliasesService>();
app.MapGrpcService<DatasetRegistryService>();
app.MapGrpcHealthService();
app.MapGrpcReflectionService();
app.MapDefaultEndpoints();

await app.RunAsync();
