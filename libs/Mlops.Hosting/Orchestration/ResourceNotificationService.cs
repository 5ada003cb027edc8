namespace Mlops.Hosting.Orchestration;

/// <summary>The current state of every resource, its changes as events, and waits on them.</summary>
public sealed class ResourceNotificationService
{
    private readonly Lock _lock = new();
    private readonly List<string> _order = [];
    private readonly Dictionary<string, ResourceSnapshot> _snapshots = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Waiter> _waiters = [];

    /// <summary>Raised after each change, outside the lock, on the thread that made it.</summary>
    public event Action<ResourceSnapshot>? Changed;

    public IReadOnlyList<ResourceSnapshot> Snapshots
    {
        get
        {
            lock (_lock)
            {
                return _order.Select(name => _snapshots[name]).ToList();
            }
        }
    }

    public ResourceSnapshot Get(string resourceName)
    {
        lock (_lock)
        {
            return _snapshots.TryGetValue(resourceName, out var snapshot)
                ? snapshot
                : throw new ArgumentException($"No resource '{resourceName}' in this application.", nameof(resourceName));
        }
    }

    /// <summary>Completes when the resource is healthy; fails when it can no longer become so (it failed to start or was stopped).</summary>
    public Task<ResourceSnapshot> WaitForResourceHealthyAsync(string resourceName, CancellationToken cancellationToken = default) =>
        WaitForResourceAsync(resourceName, snapshot => snapshot.Health == HealthStatus.Healthy && snapshot.State is ResourceRunState.Running or ResourceRunState.LeftRunning, cancellationToken);

    /// <summary>Completes with the first snapshot, the current one included, that satisfies <paramref name="predicate"/>.</summary>
    public async Task<ResourceSnapshot> WaitForResourceAsync(string resourceName, Func<ResourceSnapshot, bool> predicate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var waiter = new Waiter(resourceName, predicate);
        lock (_lock)
        {
            var current = Get(resourceName);
            if (predicate(current))
            {
                return current;
            }

            if (IsFinal(current))
            {
                throw new InvalidOperationException(Describe(current));
            }

            _waiters.Add(waiter);
        }

        using var registration = cancellationToken.Register(() => waiter.Completion.TrySetCanceled(cancellationToken));
        try
        {
            return await waiter.Completion.Task.ConfigureAwait(false);
        }
        finally
        {
            lock (_lock)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    internal void Register(ResourceSnapshot snapshot)
    {
        lock (_lock)
        {
            _order.Add(snapshot.Name);
            _snapshots[snapshot.Name] = snapshot;
        }
    }

    internal void Publish(string resourceName, Func<ResourceSnapshot, ResourceSnapshot> update)
    {
        ResourceSnapshot next;
        lock (_lock)
        {
            next = update(_snapshots[resourceName]);
            _snapshots[resourceName] = next;
            foreach (var waiter in _waiters.Where(waiter => string.Equals(waiter.ResourceName, resourceName, StringComparison.OrdinalIgnoreCase)))
            {
                if (waiter.Predicate(next))
                {
                    waiter.Completion.TrySetResult(next);
                }
                else if (IsFinal(next))
                {
                    waiter.Completion.TrySetException(new InvalidOperationException(Describe(next)));
                }
            }
        }

        RaiseChanged(next);
    }

    private void RaiseChanged(ResourceSnapshot snapshot)
    {
        if (Changed is not { } handlers)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Action<ResourceSnapshot>>())
        {
            try
            {
                handler(snapshot);
            }
            catch (Exception e)
            {
                // A broken observer (a console gone away, a test's handler) must not fail the runner that published.
                Console.Error.WriteLine($"A handler of resource changes failed: {e.Message}");
            }
        }
    }

    private static bool IsFinal(ResourceSnapshot snapshot) => snapshot.State is ResourceRunState.FailedToStart or ResourceRunState.Stopped;

    private static string Describe(ResourceSnapshot snapshot) =>
        $"Resource '{snapshot.Name}' is {snapshot.State}" + (snapshot.Detail is null ? "." : $": {snapshot.Detail}");

    private sealed record Waiter(string ResourceName, Func<ResourceSnapshot, bool> Predicate)
    {
        public TaskCompletionSource<ResourceSnapshot> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
