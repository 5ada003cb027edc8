namespace Mlops.Grpc.Client;

public class AsyncServerStreamingCall<TResponse>(
    IAsyncStreamReader<TResponse> responseStream,
    Task<Metadata> responseHeadersAsync,
    Func<Status> getStatus,
    Func<Metadata> getTrailers,
    Action dispose) : IDisposable
{
    public IAsyncStreamReader<TResponse> ResponseStream => responseStream;

    public Task<Metadata> ResponseHeadersAsync => responseHeadersAsync;

    public Status GetStatus() => getStatus();

    public Metadata GetTrailers() => getTrailers();

    /// <summary>Cancels the call if it is still running.</summary>
    public void Dispose()
    {
        dispose();
        GC.SuppressFinalize(this);
    }
}
