using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;

namespace Mlops.Grpc.Server.Telemetry;

/// <summary>A server span per call with the OpenTelemetry rpc.* attributes, and a duration histogram.</summary>
public static class GrpcServerTelemetry
{
    public const string ActivitySourceName = "Mlops.Grpc.Server";
    public const string MeterName = "Mlops.Grpc.Server";

    private static readonly ActivitySource Source = new(ActivitySourceName);
    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>(
        "rpc.server.call.duration", unit: "s", description: "Duration of gRPC calls handled by the server.");

    internal static Activity? StartCall(HttpContext http, string service, string method)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        // ASP.NET Core's request activity, when something listens to it, already carries the caller's trace.
        var parent = Activity.Current?.Context ?? ExtractParent(http.Request.Headers);
        var activity = Source.StartActivity($"{service}/{method}", ActivityKind.Server, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("rpc.system", "grpc");
            activity.SetTag("rpc.service", service);
            activity.SetTag("rpc.method", method);
            activity.SetTag("server.address", http.Request.Host.Host);
            activity.SetTag("server.port", http.Connection.LocalPort);
            activity.SetTag("client.address", http.Connection.RemoteIpAddress?.ToString());
            activity.SetTag("network.protocol.version", "2");
        }

        return activity;
    }

    internal static void StopCall(Activity? activity, string service, string method, Status status, long startTimestamp)
    {
        if (CallDuration.Enabled)
        {
            CallDuration.Record(
                Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds,
                new("rpc.system", "grpc"),
                new("rpc.service", service),
                new("rpc.method", method),
                new("rpc.grpc.status_code", (int)status.Code));
        }

        if (activity is null)
        {
            return;
        }

        activity.SetTag("rpc.grpc.status_code", (int)status.Code);
        if (IsServerError(status.Code))
        {
            activity.SetStatus(ActivityStatusCode.Error, status.Detail);
        }

        activity.Stop();
    }

    // The OpenTelemetry conventions count only these as errors of the server.
    private static bool IsServerError(StatusCode code) => code is StatusCode.Unknown or StatusCode.DeadlineExceeded
        or StatusCode.Unimplemented or StatusCode.Internal or StatusCode.Unavailable or StatusCode.DataLoss;

    private static ActivityContext ExtractParent(IHeaderDictionary headers)
    {
        DistributedContextPropagator.Current.ExtractTraceIdAndState(
            headers,
            static (object? carrier, string name, out string? value, out IEnumerable<string>? values) =>
            {
                values = null;
                value = ((IHeaderDictionary)carrier!)[name].ToString();
                if (value.Length == 0)
                {
                    value = null;
                }
            },
            out var traceParent,
            out var traceState);
        return ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context) ? context : default;
    }
}
