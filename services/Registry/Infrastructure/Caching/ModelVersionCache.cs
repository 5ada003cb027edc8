using System.Collections.Concurrent;
using Mlops.Registry.Application;

namespace Mlops.Registry.Infrastructure.Caching;

/// <summary>
/// Model versions as last read from the database, per model, so that GetModelVersion — the call every deployment and
/// gateway makes — rarely reaches PostgreSQL. A model's entries are evicted whenever anything about it changes: by this
/// instance right after its own commit (<see cref="ModelCacheInvalidationInterceptor"/>), by every instance when the
/// database announces the change (<see cref="RegistryChangeListener"/>). While that announcement cannot be heard the
/// cache is off, because another instance's change would go unnoticed.
/// </summary>
public sealed class ModelVersionCache(int capacity)
{
    private readonly ConcurrentDictionary<(string Workspace, string Model), ModelEntry> _byName = new();
    private readonly ConcurrentDictionary<Guid, ModelEntry> _byId = new();
    private long _epoch;
    private int _count;
    private volatile bool _enabled;

    public bool Enabled => _enabled;

    /// <summary>Changes with every eviction; a read that saw another epoch before it began must not be stored.</summary>
    public long Epoch => Interlocked.Read(ref _epoch);

    public bool TryGet(string workspace, string model, int version, out ModelVersionInfo? found)
    {
        found = null;
        return _enabled && _byName.TryGetValue((workspace, model), out var entry) && entry.Versions.TryGetValue(version, out found);
    }

    /// <summary>Keeps what was read unless the cache is off or something changed since <paramref name="epochBeforeRead"/>.</summary>
    public void Store(Guid modelId, ModelVersionInfo version, long epochBeforeRead)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (!_enabled || Epoch != epochBeforeRead)
        {
            return;
        }

        if (Interlocked.Increment(ref _count) > capacity)
        {
            // Rare and cheap to recover from: starting over beats the bookkeeping of an LRU on this hot path.
            Clear();
            return;
        }

        var entry = _byId.GetOrAdd(modelId, id => new ModelEntry(id, version.Workspace, version.ModelName));
        _byName.TryAdd((version.Workspace, version.ModelName), entry);
        entry.Versions[version.Version] = version;

        // An eviction that ran between the epoch check and now may have missed this entry: undo rather than keep it.
        if (Epoch != epochBeforeRead)
        {
            EvictModel(modelId);
        }
    }

    public void EvictModel(Guid modelId)
    {
        Interlocked.Increment(ref _epoch);
        if (_byId.TryRemove(modelId, out var entry))
        {
            _byName.TryRemove(KeyValuePair.Create((entry.Workspace, entry.Model), entry));
            Interlocked.Add(ref _count, -entry.Versions.Count);
        }
    }

    public void Clear()
    {
        Interlocked.Increment(ref _epoch);
        _byName.Clear();
        _byId.Clear();
        Interlocked.Exchange(ref _count, 0);
    }

    /// <summary>Turns the cache on (starting empty) once changes can be heard, or off when they no longer can.</summary>
    public void SetEnabled(bool enabled)
    {
        Clear();
        _enabled = enabled;
        Clear();
    }

    private sealed class ModelEntry(Guid id, string workspace, string model)
    {
        public Guid Id { get; } = id;

        public string Workspace { get; } = workspace;

        public string Model { get; } = model;

        public ConcurrentDictionary<int, ModelVersionInfo> Versions { get; } = new();
    }
}
