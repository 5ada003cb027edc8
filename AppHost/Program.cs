using Mlops.Hosting;
using Mlops.Resources;

var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres(ResourceNames.Postgres);
var registryDatabase = postgres.AddDatabase(ResourceNames.RegistryDatabase);
var messaging = builder.AddRabbitMQ(ResourceNames.Messaging);
var blobs = builder.AddAzurite(ResourceNames.Storage).AddBlobs(ResourceNames.Blobs);

builder.AddProject<Projects.Mlops_Registry>(ResourceNames.Registry)
    .WithHttpEndpoint(port: 5100)
    .WithGrpcEndpoint(port: 5101)
    .WithReference(registryDatabase).WaitFor(registryDatabase)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(blobs).WaitFor(blobs);

builder.Build().Run();

/// <summary>The entry point, named for the testing entry point: <c>DistributedApplicationTestingBuilder.StartAsync&lt;Program&gt;()</c>.</summary>
public partial class Program;
