using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Mlops.Inference.Rest;

/// <summary>A JSON body written straight to the response, or no body at all.</summary>
internal sealed class OpenInferenceJsonResult(int statusCode, Action<Utf8JsonWriter>? write) : IResult
{
    // Messages quote names ('add'); the default encoder would write \u0027 — valid, but unreadable in a terminal.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static OpenInferenceJsonResult Empty(int statusCode) => new(statusCode, null);

    public static OpenInferenceJsonResult Error(int statusCode, string message) =>
        new(statusCode, writer => OpenInferenceJson.WriteError(writer, message));

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = statusCode;
        if (write is null)
        {
            httpContext.Response.ContentLength = 0;
            return;
        }

        httpContext.Response.ContentType = "application/json";
        using (var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter, WriterOptions))
        {
            write(writer);
        }

        await httpContext.Response.BodyWriter.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
    }
}
