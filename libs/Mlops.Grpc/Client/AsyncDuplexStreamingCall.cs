namespace Mlops.Grpc.Client;

public sealed class AsyncDuplexStreamingCall<TRequest, TResponse>(
    IClientStreamWriter<TRequest> requestStream,
    IAsyncStreamReader<TResponse> responseStream,
    Task<Metadata> responseHeadersAsync,
    Func<Status> getStatus,
    Func<Metadata> getTrailers,
    Action dispose)
    : AsyncServerStreamingCall<TResponse>(responseStream, responseHeadersAsync, getStatus, getTrailers, dispose)
{
    public IClientStreamWriter<TRequest> RequestStream => requestStream;
}
