namespace Mlops.Grpc.Client;

public sealed class AsyncClientStreamingCall<TRequest, TResponse>(
    IClientStreamWriter<TRequest> requestStream,
    Task<TResponse> responseAsync,
    Func<Task<Metadata>> responseHeadersAsync,
    Func<Status> getStatus,
    Func<Metadata> getTrailers,
    Action dispose)
    : AsyncUnaryCall<TResponse>(responseAsync, responseHeadersAsync, getStatus, getTrailers, dispose)
{
    public IClientStreamWriter<TRequest> RequestStream => requestStream;
}
