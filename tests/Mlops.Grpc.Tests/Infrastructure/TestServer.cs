using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mlops.Grpc.Client;
using Mlops.Grpc.InteropServer;
using Mlops.Grpc.Server;

namespace Mlops.Grpc.Tests.Infrastructure;

/// <summary>
/// A real Kestrel server on a free loopback port serving the interop TestService, the probe
/// service, health and reflection, with its logs captured.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    private TestServer(WebApplication app, CapturingLoggerProvider logs)
    {
        App = app;
        Logs = logs;
        Address = InteropServerHost.Address(app);
        Channel = GrpcChannel.ForAddress(Address);
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public GrpcChannel Channel { get; }

    public CapturingLoggerProvider Logs { get; }

    public ProbeState Probe => App.Services.GetRequiredService<ProbeState>();

    public static async Task<TestServer> StartAsync(Action<WebApplicationBuilder>? configure = null)
    {
        var logs = new CapturingLoggerProvider();
        var app = InteropServerHost.Build(
            0,
            configureBuilder: builder =>
            {
                builder.Logging.AddProvider(logs);
                builder.Services.AddSingleton<ProbeState>();
                configure?.Invoke(builder);
            },
            configureApp: app => app.MapGrpcService<ProbeService>());
        await app.StartAsync();
        return new TestServer(app, logs);
    }

    public GrpcChannel CreateChannel(GrpcChannelOptions options) => GrpcChannel.ForAddress(Address, options);

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
