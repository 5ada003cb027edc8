using System.Collections.Frozen;

namespace Mlops.Deployment.Gateway;

/// <summary>
/// What this instance serves, as the reconciler last published it: endpoints with their routes. Readers take the
/// current snapshot without locks; a reader waiting for a change (a deployment to settle) awaits <see cref="ChangedAsync"/>.
/// </summary>
public sealed class GatewayTable
{
    private readonly Lock _lock = new();
    private volatile FrozenDictionary<string, EndpointRoutes> _endpoints = FrozenDictionary<string, EndpointRoutes>.Empty;
    private TaskCompletionSource _changed = NewSignal();

    public FrozenDictionary<string, EndpointRoutes> Endpoints => _endpoints;

    /// <summary>Whether the reconciler has read the database at least once.</summary>
    public bool IsInitialized { get; private set; }

    public EndpointRoutes? Endpoint(string name) => _endpoints.GetValueOrDefault(name);

    public ServedDeployment? Deployment(string endpoint, string name) => Endpoint(endpoint)?.Deployments.GetValueOrDefault(name);

    public void Publish(FrozenDictionary<string, EndpointRoutes> endpoints)
    {
        _endpoints = endpoints;
        IsInitialized = true;
        NotifyChanged();
    }

    /// <summary>A deployment changed state, or the routes changed.</summary>
    public void NotifyChanged()
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }

    /// <summary>Completes at the next change.</summary>
    public Task ChangedAsync()
    {
        lock (_lock)
        {
            return _changed.Task;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
