using System.Buffers.Binary;
using System.Net;
using Google.Protobuf;

namespace Mlops.Grpc.Tests.Infrastructure;

/// <summary>gRPC requests built by hand over plain HttpClient, to see and send exactly what is on the wire.</summary>
public static class RawGrpc
{
    private static readonly HttpMessageInvoker Client = new(new SocketsHttpHandler { UseProxy = false });

    public static byte[] Frame(IMessage message) => Frame(message.ToByteArray());

    public static byte[] Frame(byte[] payload, byte flag = 0, uint? declaredLength = null)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), declaredLength ?? (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public static Task<RawResponse> CallAsync(Uri address, string path, byte[] body, IReadOnlyDictionary<string, string>? headers = null, string contentType = "application/grpc") =>
        SendAsync(address, path, new ByteArrayContent(body), headers, contentType);

    public static async Task<RawResponse> SendAsync(Uri address, string path, HttpContent content, IReadOnlyDictionary<string, string>? headers = null, string contentType = "application/grpc", CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await Client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new RawResponse(
            (int)response.StatusCode,
            response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value)),
            response.TrailingHeaders.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value)),
            body);
    }
}

/// <summary>What came back: HTTP status, headers, trailers and the raw body.</summary>
public sealed record RawResponse(int HttpStatus, Dictionary<string, string> Headers, Dictionary<string, string> Trailers, byte[] Body)
{
    public string? Status => Trailers.GetValueOrDefault("grpc-status") ?? Headers.GetValueOrDefault("grpc-status");

    public string? Message => Trailers.GetValueOrDefault("grpc-message") ?? Headers.GetValueOrDefault("grpc-message");

    /// <summary>Trailers-Only: the status came in the headers, with no body and no trailers.</summary>
    public bool IsTrailersOnly => Headers.ContainsKey("grpc-status") && Trailers.Count == 0 && Body.Length == 0;
}
