namespace Mlops.Deployment.Gateway;

/// <summary>Wakes the reconciler at once after this instance changed deployments or traffic.</summary>
public sealed class GatewaySignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Nudge()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already nudged: one wake-up covers both.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _semaphore.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _semaphore.Dispose();
}
