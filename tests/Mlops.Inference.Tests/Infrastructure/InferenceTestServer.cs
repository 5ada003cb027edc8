using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mlops.Grpc.Client;
using Mlops.Grpc.Server;
using Mlops.Inference.Grpc;
using Mlops.Inference.Rest;
using Mlops.Testing;

namespace Mlops.Inference.Tests.Infrastructure;

/// <summary>
/// The protocol on a real Kestrel server in the test process, over a <see cref="TestModelHost"/>:
/// gRPC on an HTTP/2 port, REST on an HTTP/1.1 port, as an inference server usually splits them.
/// </summary>
public sealed class InferenceTestServer : IAsyncDisposable
{
    private InferenceTestServer(WebApplication app, TestModelHost host, int grpcPort, int restPort)
    {
        App = app;
        Host = host;
        GrpcPort = grpcPort;
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
        Channel = GrpcChannel.ForAddress(GrpcAddress);
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{restPort}") };
    }

    public WebApplication App { get; }

    public TestModelHost Host { get; }

    public int GrpcPort { get; }

    public Uri GrpcAddress { get; }

    public GrpcChannel Channel { get; }

    public HttpClient Http { get; }

    public static async Task<InferenceTestServer> StartAsync(TestModelHost? host = null)
    {
        host ??= new TestModelHost();
        var grpcPort = FreePorts.Next();
        var restPort = FreePorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, grpcPort, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, restPort, listen => listen.Protocols = HttpProtocols.Http1);
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddGrpcServer();
        builder.Services.AddSingleton<IInferenceModelHost>(host);
        builder.Services.AddOpenInference();

        var app = builder.Build();
        app.MapGrpcService<GrpcInferenceService>();
        app.MapOpenInferenceRest();
        await app.StartAsync();
        return new InferenceTestServer(app, host, grpcPort, restPort);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
