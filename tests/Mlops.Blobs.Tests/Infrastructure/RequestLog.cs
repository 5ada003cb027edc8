using System.Collections.Concurrent;

namespace Mlops.Blobs.Tests.Infrastructure;

/// <summary>A handler in front of the real one that notes each request's method and query, to tell Put Blob from Put Block.</summary>
public sealed class RequestLog() : DelegatingHandler(new SocketsHttpHandler())
{
    public ConcurrentQueue<(string Method, string PathAndQuery)> Requests { get; } = new();

    public int Count(string method, string queryPart) =>
        Requests.Count(r => r.Method == method && r.PathAndQuery.Contains(queryPart, StringComparison.Ordinal));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue((request.Method.Method, request.RequestUri!.PathAndQuery));
        return base.SendAsync(request, cancellationToken);
    }
}
