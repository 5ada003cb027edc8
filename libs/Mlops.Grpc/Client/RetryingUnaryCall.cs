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
    private readonly CancellationTokenSource _disposed = new();
    private GrpcCall<TRequest, TResponse>? _current;
    private RpcException? _canceledBetweenAttempts;

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
                await WaitBeforeRetryAsync(backoff, call).ConfigureAwait(false);
            }
            catch
            {
                _finalAttempt.TrySetResult(call);
                throw;
            }
        }
    }

    public Status GetStatus() => _canceledBetweenAttempts?.Status
        ?? (_current ?? throw new InvalidOperationException("The call has not started.")).GetStatus();

    public Metadata GetTrailers() => _canceledBetweenAttempts?.Trailers
        ?? (_current ?? throw new InvalidOperationException("The call has not started.")).GetTrailers();

    public void Dispose()
    {
        _disposed.Cancel();
        _current?.Dispose();
    }

    private async Task WaitBeforeRetryAsync(TimeSpan backoff, GrpcCall<TRequest, TResponse> lastAttempt)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken, _disposed.Token);
        try
        {
            await Task.Delay(backoff, wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _canceledBetweenAttempts = new RpcException(Status.DefaultCancelled);
            _finalAttempt.TrySetResult(lastAttempt);
            throw _canceledBetweenAttempts;
        }
    }

    private bool ShouldRetry(RpcException ex, int attempt, RetryPolicy policy, out TimeSpan backoff)
    {
        backoff = TimeSpan.Zero;
        if (ex.StatusCode != StatusCode.Unavailable || !method.IsIdempotent || attempt >= policy.MaxAttempts
            || options.CancellationToken.IsCancellationRequested || _disposed.IsCancellationRequested)
        {
            return false;
        }

        backoff = policy.BackoffBefore(attempt);
        return GrpcCall<TRequest, TResponse>.NormalizeDeadline(options.Deadline) is not { } deadline || DateTime.UtcNow + backoff < deadline;
    }
}
