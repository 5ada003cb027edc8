using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mlops.Grpc.Client;
using Mlops.Grpc.Server.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Mlops.ServiceDefaults;

/// <summary>
/// Traces, metrics and logs exported over OTLP — only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
/// Settings are read from configuration, where the OTEL_* environment variables land, so two
/// services in one test process can tell themselves apart.
/// </summary>
public static class TelemetryExtensions
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ServiceNameKey = "OTEL_SERVICE_NAME";
    public const string ResourceAttributesKey = "OTEL_RESOURCE_ATTRIBUTES";

    /// <summary>Span sources: ASP.NET Core requests, outgoing HTTP, and the gRPC layer's calls.</summary>
    public static readonly string[] TraceSources =
        ["Microsoft.AspNetCore", "System.Net.Http", GrpcServerTelemetry.ActivitySourceName, GrpcClientTelemetry.ActivitySourceName];

    /// <summary>
    /// Meters: the runtime, ASP.NET Core and Kestrel, HttpClient, gRPC call durations, and the deployment service's
    /// inference gateway (Mlops.Deployment.Gateway.GatewayMetrics, named here as this project cannot reference it).
    /// </summary>
    public static readonly string[] Meters =
        ["System.Runtime", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", GrpcServerTelemetry.MeterName, "Mlops.Deployment.Gateway"];

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var endpoint = builder.Configuration[OtlpEndpointKey];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return builder;
        }

        var resource = ResourceBuilder.CreateEmpty()
            .AddService(builder.Configuration[ServiceNameKey] ?? builder.Environment.ApplicationName)
            .AddAttributes(ParseAttributes(builder.Configuration[ResourceAttributesKey]));
        var exporterEndpoint = new Uri(endpoint);

        var tracerProvider = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(TraceSources)
            .AddOtlpExporter(o => o.Endpoint = exporterEndpoint)
            .Build();
        var meterProvider = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(Meters)
            .AddOtlpExporter(o => o.Endpoint = exporterEndpoint)
            .Build();

        // The container disposes both at shutdown, which flushes what is still buffered.
        builder.Services.AddSingleton(tracerProvider);
        builder.Services.AddSingleton(meterProvider);
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.SetResourceBuilder(resource);
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
            logging.AddOtlpExporter(o => o.Endpoint = exporterEndpoint);
        });
        return builder;
    }

    /// <summary>"key1=value1,key2=value2", as the OpenTelemetry specification writes resource attributes.</summary>
    public static IEnumerable<KeyValuePair<string, object>> ParseAttributes(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield break;
        }

        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            if (separator > 0)
            {
                yield return new(Uri.UnescapeDataString(pair[..separator].Trim()), Uri.UnescapeDataString(pair[(separator + 1)..].Trim()));
            }
        }
    }
}
