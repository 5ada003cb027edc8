using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mlops.Grpc.Server;
using Mlops.ServiceDefaults.Tests.Otlp;

namespace Mlops.ServiceDefaults.Tests;

/// <summary>
/// An OTLP/gRPC receiver on our own gRPC server, keeping what the services export. It is the
/// test's eye on the telemetry, not the subject: the services' exporters are real.
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpCollector(WebApplication app, Received received)
    {
        _app = app;
        Data = received;
        Endpoint = new Uri(app.Urls.First());
    }

    public Uri Endpoint { get; }

    public Received Data { get; }

    public static async Task<OtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var received = new Received();
        builder.Services.AddSingleton(received);
        builder.Services.AddGrpcServer(o => o.MaxReceiveMessageSize = 64 * 1024 * 1024);
        var app = builder.Build();
        app.MapGrpcService<TraceCollectorService>();
        app.MapGrpcService<MetricsCollectorService>();
        app.MapGrpcService<LogsCollectorService>();
        await app.StartAsync();
        return new OtlpCollector(app, received);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Everything exported so far, by the service.name of the exporting resource.</summary>
    public sealed class Received
    {
        public ConcurrentQueue<(string Service, Span Span)> Spans { get; } = new();

        public ConcurrentDictionary<string, int> MetricExports { get; } = new();

        public ConcurrentDictionary<string, int> LogExports { get; } = new();

        public static string ServiceOf(Resource? resource) =>
            resource?.Attributes.FirstOrDefault(a => a.Key == "service.name")?.Value?.StringValue ?? "(none)";
    }
}
