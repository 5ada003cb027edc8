namespace Mlops.Messaging;

/// <summary>
/// Wakes a polling loop early: any number of nudges before the loop next waits wake it once. Each loop has a
/// subclass of its own, so that each is a singleton of its own.
/// </summary>
public abstract class WakeSignal : IDisposable
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
            // Already nudged and not yet woken: one wake-up covers both.
        }
    }

    /// <summary>True when nudged, false when <paramref name="timeout"/> passed first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _semaphore.WaitAsync(timeout, cancellationToken);

    public void Dispose()
    {
        _semaphore.Dispose();
        GC.SuppressFinalize(this);
    }
}
