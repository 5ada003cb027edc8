using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mlops.Deployment.Gateway;
using Mlops.Deployment.Grpc;
using Mlops.Deployment.Tests.Infrastructure;
using Mlops.Grpc.Client;
using Mlops.Grpc.Server;
using Mlops.Resources;
using Mlops.ServiceDefaults;
using Mlops.Testing;

namespace Mlops.Deployment.Tests.Gateway;

/// <summary>
/// The deployment service built as Program.cs builds it, but inside the test process, so that a test can listen to
/// its meters and read its gateway's state; on a database of its own, real Kestrel ports and the fixture's registry.
/// </summary>
public sealed class InProcessGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GrpcChannel _channel;

    private InProcessGateway(WebApplication app, GrpcChannel channel, Uri rest, string artifactCache)
    {
        _app = app;
        _channel = channel;
        Client = new DeploymentClient(channel);
        Inference = new InferenceClient(channel, rest);
        ArtifactCache = artifactCache;
    }

    public DeploymentClient Client { get; }

    public InferenceClient Inference { get; }

    public string ArtifactCache { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<InProcessGateway> StartAsync(GatewayFixture fixture, string artifactCache)
    {
        var grpcPort = FreePorts.Next();
        var httpPort = FreePorts.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ResourceNames.DeploymentDatabase}"] = await fixture.Infrastructure.CreateDatabaseAsync("deployment"),
            [$"ConnectionStrings:{ResourceNames.Messaging}"] = fixture.Infrastructure.Servers.RabbitMq.AmqpUri.ToString(),
            [$"services:{ResourceNames.Registry}:{EndpointNames.Grpc}:0"] = fixture.RegistryAddress.ToString(),
            [$"Kestrel:Endpoints:{EndpointNames.Grpc}:Url"] = $"http://127.0.0.1:{grpcPort}",
            [$"Kestrel:Endpoints:{EndpointNames.Grpc}:Protocols"] = "Http2",
            [$"Kestrel:Endpoints:{EndpointNames.Http}:Url"] = $"http://127.0.0.1:{httpPort}",
            [$"Kestrel:Endpoints:{EndpointNames.Http}:Protocols"] = "Http1",
            ["Deployment:Gateway:ArtifactCache"] = artifactCache,
        });
        builder.AddServiceDefaults();
        builder.AddDeployment();
        builder.AddGateway();
        var app = builder.Build();
        app.MapGrpcService<EndpointsService>();
        app.MapGrpcService<DeploymentsService>();
        app.MapGateway();
        app.MapGrpcHealthService();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        return new InProcessGateway(app, GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}"), new Uri($"http://127.0.0.1:{httpPort}/"), artifactCache);
    }

    public async ValueTask DisposeAsync()
    {
        Inference.Dispose();
        _channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
