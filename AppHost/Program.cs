using Mlops.Hosting;
using Mlops.Resources;

var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres(ResourceNames.Postgres);
var registryDatabase = postgres.AddDatabase(ResourceNames.RegistryDatabase);
var deploymentDatabase = postgres.AddDatabase(ResourceNames.DeploymentDatabase);
var messaging = builder.AddRabbitMQ(ResourceNames.Messaging);
var blobs = builder.AddAzurite(ResourceNames.Storage).AddBlobs(ResourceNames.Blobs);

var registry = builder.AddProject<Projects.Mlops_Registry>(ResourceNames.Registry)
    .WithHttpEndpoint(port: 5100)
    .WithGrpcEndpoint(port: 5101)
    .WithReference(registryDatabase).WaitFor(registryDatabase)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(blobs).WaitFor(blobs);

builder.AddProject<Projects.Mlops_Deployment>(ResourceNames.Deployment)
    .WithHttpEndpoint(port: 5200)
    .WithGrpcEndpoint(port: 5201)
    .WithReference(deploymentDatabase).WaitFor(deploymentDatabase)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(registry).WaitFor(registry);

builder.Build().Run();

/// <summary>The entry point, named for the testing entry point: <c>DistributedApplicationTestingBuilder.StartAsync&lt;Program&gt;()</c>.</summary>
public partial class Program;
