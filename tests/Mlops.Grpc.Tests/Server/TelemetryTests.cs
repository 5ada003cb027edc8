using System.Collections.Concurrent;
using System.Diagnostics;
using Mlops.Grpc.Client;
using Mlops.Grpc.Server.Telemetry;
using Mlops.Grpc.Tests.Infrastructure;
using Mlops.Testing;

namespace Mlops.Grpc.Tests.Server;

[Collection(SharedServerCollection.Name)]
public sealed class TelemetryTests(SharedServerFixture fixture) : IDisposable
{
    private static readonly ActivitySource TestSource = new("Mlops.Grpc.Tests");
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener = new();

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task Each_call_has_a_client_and_a_server_span_in_one_trace_with_rpc_attributes()
    {
        Listen();
        ActivityTraceId traceId;
        using (var root = TestSource.StartActivity("test root"))
        {
            Assert.NotNull(root);
            traceId = root.TraceId;
            await fixture.Server.Channel.UnaryAsync(Methods.Echo, new ProbeRequest { Key = "traced" });
            await Assert.ThrowsAsync<RpcException>(() => fixture.Server.Channel.UnaryAsync(Methods.Crash, new ProbeRequest()).ResponseAsync);
        }

        var spans = await WaitForSpansAsync(traceId, 5);
        var client = spans.Single(a => a.Kind == ActivityKind.Client && a.OperationName == "mlops.testing.ProbeService/Echo");
        var server = spans.Single(a => a.Kind == ActivityKind.Server && a.OperationName == "mlops.testing.ProbeService/Echo");
        Assert.True(DescendsFrom(server, client, spans), "The server span is not in the client span's subtree.");
        Assert.Equal("grpc", server.GetTagItem("rpc.system"));
        Assert.Equal("mlops.testing.ProbeService", server.GetTagItem("rpc.service"));
        Assert.Equal("Echo", server.GetTagItem("rpc.method"));
        Assert.Equal(0, server.GetTagItem("rpc.grpc.status_code"));
        Assert.Equal(0, client.GetTagItem("rpc.grpc.status_code"));

        var failed = spans.Single(a => a.Kind == ActivityKind.Server && a.OperationName == "mlops.testing.ProbeService/Crash");
        Assert.Equal(2, failed.GetTagItem("rpc.grpc.status_code"));
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
    }

    private void Listen()
    {
        _listener.ShouldListenTo = source => source.Name is GrpcClientTelemetry.ActivitySourceName or GrpcServerTelemetry.ActivitySourceName
            or "Microsoft.AspNetCore" or "Mlops.Grpc.Tests";
        _listener.Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded;
        _listener.ActivityStopped = _stopped.Enqueue;
        ActivitySource.AddActivityListener(_listener);
    }

    // Between the two may stand ASP.NET Core's own request span, which carried the trace context in.
    private static bool DescendsFrom(Activity child, Activity ancestor, List<Activity> spans)
    {
        var bySpanId = spans.ToDictionary(a => a.SpanId);
        for (var parent = child.ParentSpanId; parent != default; parent = bySpanId.TryGetValue(parent, out var next) ? next.ParentSpanId : default)
        {
            if (parent == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }

    private async Task<List<Activity>> WaitForSpansAsync(ActivityTraceId traceId, int count)
    {
        // The server span stops just after the response is sent; give it a moment.
        for (var i = 0; i < 100; i++)
        {
            var spans = _stopped.Where(a => a.TraceId == traceId).ToList();
            if (spans.Count >= count)
            {
                return spans;
            }

            await Task.Delay(50);
        }

        return _stopped.Where(a => a.TraceId == traceId).ToList();
    }
}
