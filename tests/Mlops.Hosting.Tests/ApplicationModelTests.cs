using Mlops.Hosting.ApplicationModel;
using Mlops.Hosting.Orchestration;
using Mlops.LocalInfrastructure;
using Mlops.Resources;

namespace Mlops.Hosting.Tests;

public sealed class ApplicationModelTests
{
    [Fact]
    public void A_service_gets_the_Aspire_configuration_contract_for_what_it_references()
    {
        var builder = NewBuilder();
        var postgres = builder.AddPostgres(ResourceNames.Postgres);
        var database = postgres.AddDatabase(ResourceNames.RegistryDatabase);
        var messaging = builder.AddRabbitMQ(ResourceNames.Messaging);
        var blobs = builder.AddAzurite(ResourceNames.Storage).AddBlobs(ResourceNames.Blobs);
        var registry = builder.AddProject<TestProject>(ResourceNames.Registry).WithHttpEndpoint(6100).WithGrpcEndpoint(6101)
            .WithReference(database).WithReference(messaging).WithReference(blobs);
        var deployment = builder.AddProject<TestProject>(ResourceNames.Deployment).WithGrpcEndpoint(6201).WithReference(registry)
            .WithEnvironment("Feature__X", "on");
        AllocateFixed(registry.Resource, deployment.Resource);

        var registryEnvironment = new EnvironmentBuilder(builder.Options).For(registry.Resource);
        var deploymentEnvironment = new EnvironmentBuilder(builder.Options).For(deployment.Resource);

        Assert.Equal(builder.LocalServers.Postgres.ConnectionString("registrydb"), registryEnvironment["ConnectionStrings__registrydb"]);
        Assert.Contains("Port=" + builder.Options.Infrastructure.PostgresPort, registryEnvironment["ConnectionStrings__registrydb"], StringComparison.Ordinal);
        Assert.Equal($"amqp://guest:guest@127.0.0.1:{builder.Options.Infrastructure.RabbitMqPort}/", registryEnvironment["ConnectionStrings__messaging"]);
        Assert.Equal(builder.LocalServers.Azurite.BlobConnectionString, registryEnvironment["ConnectionStrings__blobs"]);
        Assert.Equal("http://127.0.0.1:6101", registryEnvironment["Kestrel__Endpoints__grpc__Url"]);
        Assert.Equal("Http2", registryEnvironment["Kestrel__Endpoints__grpc__Protocols"]);
        Assert.Equal("Http1", registryEnvironment["Kestrel__Endpoints__http__Protocols"]);
        Assert.Equal("registry", registryEnvironment["OTEL_SERVICE_NAME"]);
        Assert.StartsWith("service.instance.id=", registryEnvironment["OTEL_RESOURCE_ATTRIBUTES"], StringComparison.Ordinal);
        Assert.Equal("Development", registryEnvironment["DOTNET_ENVIRONMENT"]);

        Assert.Equal("http://127.0.0.1:6101", deploymentEnvironment["services__registry__grpc__0"]);
        Assert.Equal("http://127.0.0.1:6100", deploymentEnvironment["services__registry__http__0"]);
        Assert.Equal("on", deploymentEnvironment["Feature__X"]);
        Assert.DoesNotContain(deploymentEnvironment.Keys, key => key.StartsWith("ConnectionStrings__", StringComparison.Ordinal));
    }

    [Fact]
    public void Resource_names_are_unique_ignoring_case_and_must_be_valid()
    {
        var builder = NewBuilder();
        builder.AddRabbitMQ("messaging");

        var duplicate = Assert.Throws<InvalidOperationException>(() => builder.AddRabbitMQ("Messaging"));
        Assert.Contains("'Messaging' already exists", duplicate.Message, StringComparison.Ordinal);
        var invalid = Assert.Throws<ArgumentException>(() => builder.AddProject<TestProject>("my service"));
        Assert.Contains("'my service' is invalid", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_subset_starts_with_everything_it_references_waits_for_or_lives_in()
    {
        var builder = NewBuilder();
        var postgres = builder.AddPostgres("postgres");
        var database = postgres.AddDatabase("registrydb");
        var messaging = builder.AddRabbitMQ("messaging");
        var blobs = builder.AddAzurite("storage").AddBlobs("blobs");
        var registry = builder.AddProject<TestProject>("registry").WithHttpEndpoint().WithReference(database).WaitFor(messaging);
        builder.AddProject<TestProject>("lineage").WithHttpEndpoint().WithReference(registry).WithReference(blobs);
        builder.Options.OnlyResources = ["registry"];

        var application = builder.Build();

        Assert.Equal(["postgres", "registrydb", "messaging", "registry"], application.Resources.Select(resource => resource.Name));
        Assert.Throws<ArgumentException>(() => application.ResourceNotifications.Get("lineage"));
    }

    [Fact]
    public void Naming_a_resource_the_model_lacks_in_a_subset_is_an_error_that_lists_the_model()
    {
        var builder = NewBuilder();
        builder.AddRabbitMQ("messaging");
        builder.Options.OnlyResources = ["registry"];

        var error = Assert.Throws<ArgumentException>(() => builder.Build());

        Assert.Contains("No resource 'registry'", error.Message, StringComparison.Ordinal);
        Assert.Contains("messaging", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_endpoint_name_is_unique_per_project()
    {
        var builder = NewBuilder();
        var project = builder.AddProject<TestProject>("registry").WithGrpcEndpoint(6101);

        Assert.Throws<InvalidOperationException>(() => project.WithGrpcEndpoint(6102));
    }

    [Fact]
    public async Task A_fixed_port_that_is_taken_fails_the_start_naming_the_service_and_the_port()
    {
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        var taken = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;
        var builder = NewBuilder();
        builder.AddProject<TestProject>("registry").WithHttpEndpoint().WithGrpcEndpoint(taken);
        await using var application = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => application.StartAsync());

        Assert.Contains($"project 'registry' endpoint 'grpc': port {taken} on 127.0.0.1 is in use", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_whose_build_output_is_missing_fails_to_start_with_the_path()
    {
        var builder = NewBuilder();
        builder.AddProject<TestProject>("registry").WithHttpEndpoint().WithGrpcEndpoint();
        await using var application = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => application.StartAsync());

        Assert.Contains("build output missing: /nowhere/bin/Test.dll", error.Message, StringComparison.Ordinal);
        Assert.Equal(ResourceRunState.FailedToStart, application.ResourceNotifications.Get("registry").State);
    }

    private static DistributedApplicationBuilder NewBuilder()
    {
        var builder = DistributedApplication.CreateBuilder([]);
        builder.Options.ShowResourceTable = false;
        builder.Options.WriteLogsToConsole = false;
        builder.Options.Infrastructure = new LocalInfrastructureOptions { StateDirectory = Path.Combine(Path.GetTempPath(), "mlops-model-only"), PostgresPort = 61001, RabbitMqPort = 61002 };
        return builder;
    }

    private static void AllocateFixed(params ProjectResource[] projects) => PortAllocator.Assign(projects, randomize: false);
}
