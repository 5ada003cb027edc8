using System.Runtime.CompilerServices;

namespace Mlops.Grpc.Client;

/// <summary>A unary or client-streaming call's single response, headers, status and trailers.</summary>
public class AsyncUnaryCall<TResponse>(
    Task<TResponse> responseAsync,
    Func<Task<Metadata>> responseHeadersAsync,
    Func<Status> getStatus,
    Func<Metadata> getTrailers,
    Action dispose) : IDisposable
{
    public Task<TResponse> ResponseAsync => responseAsync;

    public Task<Metadata> ResponseHeadersAsync => responseHeadersAsync();

    public Status GetStatus() => getStatus();

    public Metadata GetTrailers() => getTrailers();

    public TaskAwaiter<TResponse> GetAwaiter() => responseAsync.GetAwaiter();

    public void Dispose()
    {
        dispose();
        GC.SuppressFinalize(this);
    }
}
