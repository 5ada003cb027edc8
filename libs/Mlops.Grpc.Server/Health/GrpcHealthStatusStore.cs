using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Grpc.Health.V1;

namespace Mlops.Grpc.Server.Health;

/// <summary>
/// The serving status of the server ("") and of each service, and the watchers of each.
/// Once the application is stopping the store is frozen at NOT_SERVING.
/// </summary>
public sealed class GrpcHealthStatusStore
{
    private readonly Dictionary<string, HealthCheckResponse.Types.ServingStatus> _statuses = [];
    private readonly Dictionary<string, List<Channel<HealthCheckResponse.Types.ServingStatus>>> _watchers = [];
    private readonly object _lock = new();
    private bool _frozen;

    public bool HasStatus
    {
        get
        {
            lock (_lock)
            {
                return _statuses.Count > 0;
            }
        }
    }

    internal int WatchedServiceCount
    {
        get
        {
            lock (_lock)
            {
                return _watchers.Count;
            }
        }
    }

    public HealthCheckResponse.Types.ServingStatus? GetStatus(string service)
    {
        lock (_lock)
        {
            return _statuses.TryGetValue(service, out var status) ? status : null;
        }
    }

    public void SetStatus(string service, HealthCheckResponse.Types.ServingStatus status)
    {
        lock (_lock)
        {
            if (_frozen)
            {
                return;
            }

            SetLocked(service, status);
        }
    }

    /// <summary>
    /// Marks everything NOT_SERVING for good, and ends every Watch after telling it so: the server
    /// is going away, and open watches must not hold up its shutdown.
    /// </summary>
    public void ShutDown()
    {
        lock (_lock)
        {
            foreach (var service in _statuses.Keys.ToList())
            {
                SetLocked(service, HealthCheckResponse.Types.ServingStatus.NotServing);
            }

            foreach (var watcher in _watchers.Values.SelectMany(list => list))
            {
                watcher.Writer.TryComplete();
            }

            _frozen = true;
        }
    }

    /// <summary>The current status (SERVICE_UNKNOWN for an unknown service), then every change.</summary>
    public async IAsyncEnumerable<HealthCheckResponse.Types.ServingStatus> WatchAsync(
        string service,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<HealthCheckResponse.Types.ServingStatus>(new UnboundedChannelOptions { SingleReader = true });
        lock (_lock)
        {
            channel.Writer.TryWrite(_statuses.TryGetValue(service, out var current) ? current : HealthCheckResponse.Types.ServingStatus.ServiceUnknown);
            if (_frozen)
            {
                channel.Writer.TryComplete();
            }

            if (!_watchers.TryGetValue(service, out var list))
            {
                _watchers[service] = list = [];
            }

            list.Add(channel);
        }

        try
        {
            await foreach (var status in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return status;
            }
        }
        finally
        {
            lock (_lock)
            {
                // Drop the list with its last watcher, or names watched once would pile up.
                var list = _watchers[service];
                list.Remove(channel);
                if (list.Count == 0)
                {
                    _watchers.Remove(service);
                }
            }
        }
    }

    private void SetLocked(string service, HealthCheckResponse.Types.ServingStatus status)
    {
        if (_statuses.TryGetValue(service, out var previous) && previous == status)
        {
            return;
        }

        _statuses[service] = status;
        if (_watchers.TryGetValue(service, out var list))
        {
            foreach (var watcher in list)
            {
                watcher.Writer.TryWrite(status);
            }
        }
    }
}
