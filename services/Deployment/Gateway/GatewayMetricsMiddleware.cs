using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Mlops.Grpc;

namespace Mlops.Deployment.Gateway;

/// <summary>
/// Times each inference request, gRPC ModelInfer and REST POST .../infer alike, and reads its outcome from the
/// grpc-status or the HTTP status: refusals by the protocol layer (a wrong input, an unknown model) count too.
/// </summary>
internal sealed class GatewayMetricsMiddleware(RequestDelegate next, GatewayMetrics metrics)
{
    private const string GrpcInferPath = "/inference.GRPCInferenceService/ModelInfer";
    private const string Unknown = "unknown";

    // Computed once: the outcome tag is on the hot path.
    private static readonly string[] StatusNames = [.. Enumerable.Range(0, 17).Select(code => SnakeCase(((StatusCode)code).ToString()))];

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var isGrpc = string.Equals(path, GrpcInferPath, StringComparison.Ordinal);
        var isRest = !isGrpc && HttpMethods.IsPost(context.Request.Method) && path.StartsWith("/v2/models/", StringComparison.Ordinal)
            && path.EndsWith("/infer", StringComparison.Ordinal);
        if (!isGrpc && !isRest)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var start = Stopwatch.GetTimestamp();
        var outcome = "internal";
        try
        {
            await next(context).ConfigureAwait(false);
            outcome = isGrpc ? GrpcOutcome(context) : RestOutcome(context.Response.StatusCode);
        }
        finally
        {
            metrics.RequestCompleted(
                context.Items.TryGetValue(GatewayRequestItems.Endpoint, out var endpoint) ? (string)endpoint! : Unknown,
                context.Items.TryGetValue(GatewayRequestItems.Deployment, out var deployment) ? (string)deployment! : Unknown,
                outcome,
                Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
    }

    private static string GrpcOutcome(HttpContext context)
    {
        var status = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers["grpc-status"].ToString();
        if (string.IsNullOrEmpty(status))
        {
            status = context.Response.Headers["grpc-status"].ToString();
        }

        return int.TryParse(status, out var code) && (uint)code < (uint)StatusNames.Length ? StatusNames[code] : "internal";
    }

    private static string RestOutcome(int statusCode) => statusCode switch
    {
        StatusCodes.Status200OK => "ok",
        StatusCodes.Status400BadRequest => "invalid_argument",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status503ServiceUnavailable => "unavailable",
        _ => "internal",
    };

    private static string SnakeCase(string name) => name switch
    {
        "OK" => "ok",
        _ => string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : string.Empty) + char.ToLowerInvariant(c) : c.ToString())),
    };
}
