using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mlops.ServiceDefaults;

/// <summary>
/// Names and tags ASP.NET Core's request span by route, as the OpenTelemetry HTTP conventions
/// ask (the instrumentation package that would do it is not on our feed), and keeps health
/// probes out of the traces: orchestrators poll them every few seconds.
/// </summary>
internal sealed class RequestSpanMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var activity = Activity.Current;
        if (activity is null || activity.Source.Name != "Microsoft.AspNetCore")
        {
            await next(context);
            return;
        }

        var request = context.Request;
        if (ServiceDefaultsExtensions.IsHealthPath(request.Path))
        {
            // Exporters only export recorded activities.
            activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            activity.IsAllDataRequested = false;
            await next(context);
            return;
        }

        activity.SetTag("http.request.method", request.Method);
        activity.SetTag("url.scheme", request.Scheme);
        activity.SetTag("url.path", request.Path.Value);
        activity.SetTag("network.protocol.version", request.Protocol.Replace("HTTP/", string.Empty, StringComparison.Ordinal));
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        if (route is not null)
        {
            route = route.StartsWith('/') ? route : "/" + route;
            activity.SetTag("http.route", route);
            activity.DisplayName = $"{request.Method} {route}";
        }

        try
        {
            await next(context);
        }
        finally
        {
            var status = context.Response.StatusCode;
            activity.SetTag("http.response.status_code", status);
            if (status >= 500)
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }
    }
}
