using System.Diagnostics;
using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Mlops.Grpc.Client;
using Mlops.ServiceDefaults.TestHost;
using Mlops.ServiceDefaults.Tests.Otlp;
using Mlops.Testing;
using OpenTelemetry.Trace;

namespace Mlops.ServiceDefaults.Tests;

public sealed class ServiceDefaultsTests(TwoServicesFixture services) : IClassFixture<TwoServicesFixture>
{
    [Fact]
    public async Task One_trace_spans_both_services_through_the_gRPC_call_between_them()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{services.Alpha.Port}");
        using var root = StartSampledRoot("test");
        var traceId = ByteString.CopyFrom(Convert.FromHexString(root.TraceId.ToHexString()));

        var reply = await channel.UnaryAsync(RelayService.ForwardMethod, new RelayRequest { Text = "hi" });
        Assert.Equal(["alpha", "beta"], reply.Path);

        // Each service exports in its own batches: wait for the spans of both, server and client.
        var spans = await WaitForAsync(() =>
        {
            var inTrace = services.Collector.Data.Spans.Where(s => s.Span.TraceId == traceId).ToList();
            var complete = inTrace.Count(s => s.Span.Name == "mlops.testing.Relay/Forward") >= 3
                && inTrace.Count(s => s.Span.Name == "POST /mlops.testing.Relay/Forward") >= 2;
            return complete ? inTrace : null;
        });

        var alphaServer = Single(spans, "alpha", "mlops.testing.Relay/Forward", kind: 2);
        var alphaClient = Single(spans, "alpha", "mlops.testing.Relay/Forward", kind: 3);
        var betaServer = Single(spans, "beta", "mlops.testing.Relay/Forward", kind: 2);
        Assert.True(Descends(alphaClient, alphaServer, spans), "alpha's outgoing call is not inside its incoming call");
        Assert.True(Descends(betaServer, alphaClient, spans), "beta's span does not continue alpha's outgoing call");
        Assert.Equal("grpc", Attribute(betaServer, "rpc.system"));

        // ASP.NET Core's own request span, named and tagged by route.
        var betaRequest = spans.Single(s => s.Service == "beta" && s.Span.Kind == 2 && s.Span.Name != "mlops.testing.Relay/Forward").Span;
        Assert.Equal("/mlops.testing.Relay/Forward", Attribute(betaRequest, "http.route"));
        Assert.Contains("/mlops.testing.Relay/Forward", betaRequest.Name);
    }

    [Fact]
    public async Task Health_endpoints_answer_and_are_not_traced()
    {
        using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        foreach (var path in new[] { "/health", "/alive" })
        {
            var response = await http.GetAsync(new Uri($"http://127.0.0.1:{services.Alpha.Port}{path}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        }

        // A traced call afterwards, so that waiting for it proves earlier spans were flushed too.
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{services.Beta.Port}");
        using var marker = StartSampledRoot("marker");
        var markerTrace = ByteString.CopyFrom(Convert.FromHexString(marker.TraceId.ToHexString()));
        await channel.UnaryAsync(RelayService.ForwardMethod, new RelayRequest());
        await WaitForAsync(() => services.Collector.Data.Spans.Any(s => s.Span.TraceId == markerTrace) ? (object)true : null);
        await Task.Delay(1000);

        Assert.DoesNotContain(services.Collector.Data.Spans, s =>
            s.Span.Name.Contains("health", StringComparison.OrdinalIgnoreCase)
            || s.Span.Name.Contains("alive", StringComparison.OrdinalIgnoreCase)
            || (Attribute(s.Span, "url.path") ?? string.Empty) is "/health" or "/alive");
    }

    [Fact]
    public async Task Metrics_and_logs_are_exported_too_with_the_resource_attributes()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{services.Alpha.Port}");
        await channel.UnaryAsync(RelayService.ForwardMethod, new RelayRequest());

        await WaitForAsync(() => services.Collector.Data.MetricExports.ContainsKey("alpha") && services.Collector.Data.MetricExports.ContainsKey("beta") ? (object)true : null);
        await WaitForAsync(() => services.Collector.Data.LogExports.ContainsKey("alpha") ? (object)true : null);
    }

    [Fact]
    public void Without_an_OTLP_endpoint_nothing_is_exported()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.AddServiceDefaults();
        using var app = builder.Build();
        Assert.Null(app.Services.GetService<TracerProvider>());
    }

    [Fact]
    public void Resource_attributes_are_read_in_the_OpenTelemetry_format()
    {
        var attributes = TelemetryExtensions.ParseAttributes("deployment.environment=prod, team=ml%20ops,broken,=x").ToList();
        Assert.Equal([new("deployment.environment", "prod"), new KeyValuePair<string, object>("team", "ml ops")], attributes);
    }

    [Fact]
    public async Task A_service_stops_gracefully_on_SIGTERM()
    {
        await using var service = await ChildProcess.StartAsync("dotnet", [Path.Combine(Path.GetDirectoryName(typeof(RelayService).Assembly.Location)!, "Mlops.ServiceDefaults.TestHost.dll")]);
        Assert.True(await service.StopGracefullyAsync(TimeSpan.FromSeconds(20)));
    }

    // The services sample by their parent; a root the caller wants traced says so in traceparent.
    private static Activity StartSampledRoot(string name)
    {
        var root = new Activity(name).SetIdFormat(ActivityIdFormat.W3C).Start();
        root.ActivityTraceFlags |= ActivityTraceFlags.Recorded;
        return root;
    }

    private static Span Single(List<(string Service, Span Span)> spans, string service, string name, int kind) =>
        spans.Single(s => s.Service == service && s.Span.Name == name && s.Span.Kind == kind).Span;

    private static string? Attribute(Span span, string key) => span.Attributes.FirstOrDefault(a => a.Key == key)?.Value?.StringValue;

    private static bool Descends(Span child, Span ancestor, List<(string Service, Span Span)> spans)
    {
        var bySpanId = spans.GroupBy(s => s.Span.SpanId).ToDictionary(g => g.Key, g => g.First().Span);
        for (var parent = child.ParentSpanId; !parent.IsEmpty; parent = bySpanId.TryGetValue(parent, out var next) ? next.ParentSpanId : ByteString.Empty)
        {
            if (parent == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> probe)
        where T : class
    {
        for (var i = 0; i < 300; i++)
        {
            if (probe() is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The collector did not receive what was expected within 30 s.");
    }
}
