using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Mlops.Inference.Rest;

public static class OpenInferenceRestEndpoints
{
    /// <summary>
    /// Maps the protocol's REST form under /v2: GET /v2 (server metadata), GET /v2/health/live and
    /// /v2/health/ready, GET /v2/models/{name}[/versions/{version}] (model metadata) and .../ready, and
    /// POST .../infer. Health answers 200 for true and 400 for false with an empty body, as the protocol
    /// says ("4xx indicates false"); failures answer 400 / 404 / 503 with {"error": "..."}. Needs
    /// <see cref="InferenceServiceCollectionExtensions.AddOpenInference"/>.
    /// </summary>
    public static RouteGroupBuilder MapOpenInferenceRest(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var dispatcher = endpoints.ServiceProvider.GetService<InferenceDispatcher>()
            ?? throw new InvalidOperationException("Call services.AddOpenInference() (and register an IInferenceModelHost) before mapping the inference REST API.");

        var v2 = endpoints.MapGroup("/v2");
        v2.AddEndpointFilter(async (context, next) =>
        {
            if (!LiteralSegmentsMatch(context.HttpContext))
            {
                return OpenInferenceJsonResult.Error(StatusCodes.Status404NotFound, $"No route {context.HttpContext.Request.Path}: paths are case-sensitive.");
            }

            try
            {
                return await next(context).ConfigureAwait(false);
            }
            catch (InferenceException ex)
            {
                return OpenInferenceJsonResult.Error(ex.HttpStatusCode, ex.Message);
            }
        });

        // Handlers declare Task<IResult>: minimal APIs pick how to run a result from the declared type.
        v2.MapGet("", async Task<IResult> (HttpContext http) =>
        {
            var metadata = await dispatcher.GetServerMetadataAsync(http.RequestAborted).ConfigureAwait(false);
            return Json(writer => OpenInferenceJson.WriteServerMetadata(writer, metadata));
        });
        v2.MapGet("/health/live", async Task<IResult> (HttpContext http) => Health(await dispatcher.IsLiveAsync(http.RequestAborted).ConfigureAwait(false)));
        v2.MapGet("/health/ready", async Task<IResult> (HttpContext http) => Health(await dispatcher.IsReadyAsync(http.RequestAborted).ConfigureAwait(false)));

        v2.MapGet("/models/{name}", (HttpContext http, string name) => ModelMetadataAsync(dispatcher, http, name, null));
        v2.MapGet("/models/{name}/versions/{version}", (HttpContext http, string name, string version) => ModelMetadataAsync(dispatcher, http, name, version));
        v2.MapGet("/models/{name}/ready", (HttpContext http, string name) => ModelReadyAsync(dispatcher, http, name, null));
        v2.MapGet("/models/{name}/versions/{version}/ready", (HttpContext http, string name, string version) => ModelReadyAsync(dispatcher, http, name, version));
        v2.MapPost("/models/{name}/infer", (HttpContext http, string name) => InferAsync(dispatcher, http, name, null));
        v2.MapPost("/models/{name}/versions/{version}/infer", (HttpContext http, string name, string version) => InferAsync(dispatcher, http, name, version));
        return v2;
    }

    private static async Task<IResult> ModelMetadataAsync(InferenceDispatcher dispatcher, HttpContext http, string name, string? version)
    {
        var model = await dispatcher.GetModelAsync(name, version, http.RequestAborted).ConfigureAwait(false);
        return Json(writer => OpenInferenceJson.WriteModelMetadata(writer, model.Metadata));
    }

    private static async Task<IResult> ModelReadyAsync(InferenceDispatcher dispatcher, HttpContext http, string name, string? version) =>
        Health((await dispatcher.GetModelAsync(name, version, http.RequestAborted).ConfigureAwait(false)).IsReady);

    private static async Task<IResult> InferAsync(InferenceDispatcher dispatcher, HttpContext http, string name, string? version)
    {
        if (http.Request.Headers.ContainsKey("Inference-Header-Content-Length"))
        {
            throw InferenceException.InvalidArgument("The binary tensor data extension is not supported; send the tensors as JSON \"data\".");
        }

        InferenceRequest request;
        try
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body, default, http.RequestAborted).ConfigureAwait(false);
            request = OpenInferenceJson.ReadRequest(body.RootElement, name, version);
        }
        catch (JsonException ex)
        {
            throw new InferenceException(InferenceErrorCode.InvalidArgument, $"The request body is not JSON: {ex.Message}", ex);
        }

        var response = await dispatcher.InferAsync(request, http.RequestAborted).ConfigureAwait(false);
        return Json(writer => OpenInferenceJson.WriteResponse(writer, response));
    }

    private static OpenInferenceJsonResult Json(Action<Utf8JsonWriter> write) => new(StatusCodes.Status200OK, write);

    private static OpenInferenceJsonResult Health(bool value) =>
        OpenInferenceJsonResult.Empty(value ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);

    // Routing matches literal segments ignoring case, but the protocol's strings are case-sensitive:
    // "/V2/Health/Live" is not "/v2/health/live".
    private static bool LiteralSegmentsMatch(HttpContext http)
    {
        if (http.GetEndpoint() is not RouteEndpoint endpoint)
        {
            return true;
        }

        var actual = (http.Request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var pattern = endpoint.RoutePattern.PathSegments;
        for (var i = 0; i < pattern.Count && i < actual.Length; i++)
        {
            if (pattern[i].IsSimple && pattern[i].Parts[0] is RoutePatternLiteralPart literal
                && !string.Equals(literal.Content, actual[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
