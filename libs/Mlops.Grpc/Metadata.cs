using System.Collections;

namespace Mlops.Grpc;

/// <summary>
/// gRPC metadata: ordered key/value pairs with lower-case ASCII keys. Keys ending in "-bin"
/// hold bytes (base64 on the wire); all others hold printable ASCII text.
/// </summary>
public sealed class Metadata : IReadOnlyList<MetadataEntry>
{
    public const string BinarySuffix = "-bin";

    private readonly List<MetadataEntry> _entries = [];

    public int Count => _entries.Count;

    public MetadataEntry this[int index] => _entries[index];

    public Metadata Add(string key, string value)
    {
        _entries.Add(MetadataEntry.Text(key, value));
        return this;
    }

    public Metadata Add(string key, byte[] value)
    {
        _entries.Add(MetadataEntry.Binary(key, value));
        return this;
    }

    public Metadata Add(MetadataEntry entry)
    {
        _entries.Add(entry);
        return this;
    }

    /// <summary>The last entry with this key, or null.</summary>
    public MetadataEntry? Get(string key)
    {
        var normalized = MetadataEntry.NormalizeKey(key);
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (_entries[i].Key == normalized)
            {
                return _entries[i];
            }
        }

        return null;
    }

    public IEnumerable<MetadataEntry> GetAll(string key)
    {
        var normalized = MetadataEntry.NormalizeKey(key);
        return _entries.Where(e => e.Key == normalized);
    }

    public string? GetValue(string key) => Get(key)?.Value;

    public byte[]? GetValueBytes(string key) => Get(key)?.ValueBytes;

    public bool Remove(string key) => _entries.RemoveAll(e => e.Key == MetadataEntry.NormalizeKey(key)) > 0;

    public IEnumerator<MetadataEntry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
