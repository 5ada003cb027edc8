using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mlops.Grpc.Server;

namespace Mlops.Grpc.InteropServer;

/// <summary>Builds the interop server: TestService, health and reflection on one plaintext HTTP/2 port.</summary>
public static class InteropServerHost
{
    public static WebApplication Build(
        int port,
        string[]? args = null,
        Action<WebApplicationBuilder>? configureBuilder = null,
        Action<WebApplication>? configureApp = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddGrpcServer();
        configureBuilder?.Invoke(builder);

        var app = builder.Build();
        app.MapGrpcService<TestService>();
        app.MapGrpcHealthService();
        configureApp?.Invoke(app);
        app.MapGrpcReflectionService();
        return app;
    }

    /// <summary>The address the started server listens on (useful with port 0).</summary>
    public static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
