using Google.Protobuf;

namespace Mlops.Grpc.Client;

/// <summary>A unary call that is sent again on UNAVAILABLE when its method is idempotent.</summary>
internal sealed class RetryingUnaryCall<TRequest, TResponse>(
    GrpcChannel channel,
    Method<TRequest, TResponse> method,
    TRequest request,
    CallOptions options) : IDisposable
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly TaskCompletionSource<GrpcCall<TRequest, TResponse>> _finalAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private GrpcCall<TRequest, TResponse>? _current;

    public Task<Metadata> ResponseHeadersAsync => _finalAttempt.Task.ContinueWith(
        static t => t.Result.ResponseHeadersAsync, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Unwrap();

    public async Task<TResponse> RunAsync()
    {
        var policy = channel.Options.Retry;
        for (var attempt = 1; ; attempt++)
        {
            var call = new GrpcCall<TRequest, TResponse>(channel, method, options);
            _current = call;
            call.Start(request);
            try
            {
                var response = await call.ReadSingleResponseAsync().ConfigureAwait(false);
                _finalAttempt.TrySetResult(call);
                return response;
            }
            catch (RpcException ex) when (ShouldRetry(ex, attempt, policy, out var backoff))
            {
                call.Dispose();
                await Task.Delay(backoff, options.CancellationToken).ConfigureAwait(false);
            }
            catch
            {
                _finalAttempt.TrySetResult(call);
                throw;
            }
        }
    }

    public Status GetStatus() => (_current ?? throw new InvalidOperationException("The call has not started.")).GetStatus();

    public Metadata GetTrailers() => (_current ?? throw new InvalidOperationException("The call has not started.")).GetTrailers();

    public void Dispose() => _current?.Dispose();

    private bool ShouldRetry(RpcException ex, int attempt, RetryPolicy policy, out TimeSpan backoff)
    {
        backoff = TimeSpan.Zero;
        if (ex.StatusCode != StatusCode.Unavailable || !method.IsIdempotent || attempt >= policy.MaxAttempts || options.CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        backoff = policy.BackoffBefore(attempt);
        return options.Deadline is not { } deadline || DateTime.UtcNow + backoff < deadline;
    }
}
