using System.Diagnostics;
using System.Net.Http.Headers;

namespace Mlops.Grpc.Client;

/// <summary>A client span per call, with the OpenTelemetry rpc.* attributes.</summary>
public static class GrpcClientTelemetry
{
    public const string ActivitySourceName = "Mlops.Grpc.Client";

    private static readonly ActivitySource Source = new(ActivitySourceName);

    internal static Activity? StartCall(string service, string method, Uri address)
    {
        var activity = Source.StartActivity($"{service}/{method}", ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("rpc.system", "grpc");
            activity.SetTag("rpc.service", service);
            activity.SetTag("rpc.method", method);
            activity.SetTag("server.address", address.Host);
            activity.SetTag("server.port", address.Port);
        }

        return activity;
    }

    internal static void InjectTraceContext(Activity? activity, HttpRequestHeaders headers)
    {
        var context = activity ?? Activity.Current;
        if (context is null || headers.Contains("traceparent"))
        {
            return;
        }

        DistributedContextPropagator.Current.Inject(context, headers, static (carrier, name, value) =>
        {
            var target = (HttpRequestHeaders)carrier!;
            target.Remove(name);
            target.TryAddWithoutValidation(name, value);
        });
    }

    internal static void StopCall(Activity? activity, Status status)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("rpc.grpc.status_code", (int)status.Code);
        if (status.Code != StatusCode.OK)
        {
            activity.SetStatus(ActivityStatusCode.Error, status.Detail);
        }

        activity.Stop();
    }
}
