using System.Text;

using Mlops.Grpc.Protocol;

namespace Mlops.Grpc;

/// <summary>One metadata pair; binary entries keep their bytes, text entries their string.</summary>
public sealed class MetadataEntry
{
    private readonly string? _value;
    private readonly byte[]? _valueBytes;

    private MetadataEntry(string key, string? value, byte[]? valueBytes)
    {
        Key = key;
        _value = value;
        _valueBytes = valueBytes;
    }

    public string Key { get; }

    public bool IsBinary => _valueBytes is not null;

    /// <summary>The text value; for a binary entry, its base64 wire form.</summary>
    public string Value => _value ?? BinaryHeaderEncoding.Encode(_valueBytes!);

    /// <summary>The bytes of a binary entry; for a text entry, its ASCII bytes.</summary>
    public byte[] ValueBytes => _valueBytes ?? Encoding.ASCII.GetBytes(_value!);

    public static MetadataEntry Text(string key, string value)
    {
        var normalized = NormalizeKey(key);
        if (IsBinaryKey(normalized))
        {
            throw new ArgumentException($"Metadata key '{key}' ends in '-bin' and therefore needs a byte[] value.", nameof(key));
        }

        ArgumentNullException.ThrowIfNull(value);
        foreach (var c in value)
        {
            // Printable ASCII, and the tab HTTP allows in a field value, so received values can be echoed.
            if ((c < 0x20 && c != '\t') || c > 0x7E)
            {
                throw new ArgumentException($"Metadata value of '{key}' must be printable ASCII; use a '-bin' key for other data.", nameof(value));
            }
        }

        return new MetadataEntry(normalized, value, null);
    }

    public static MetadataEntry Binary(string key, byte[] value)
    {
        var normalized = NormalizeKey(key);
        if (!IsBinaryKey(normalized))
        {
            throw new ArgumentException($"Metadata key '{key}' holds bytes and therefore must end in '-bin'.", nameof(key));
        }

        ArgumentNullException.ThrowIfNull(value);
        return new MetadataEntry(normalized, null, value);
    }

    /// <summary>
    /// The entries of one HTTP/2 header as it arrived. A -bin header may join several base64
    /// values with commas: each is its own entry. A value that is not base64 is dropped rather
    /// than failing the whole call over one bad header.
    /// </summary>
    public static IEnumerable<MetadataEntry> FromHeader(string key, string value)
    {
        if (!IsBinaryKey(key))
        {
            yield return new MetadataEntry(key, value, null);
            yield break;
        }

        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries))
        {
            if (BinaryHeaderEncoding.TryDecode(part, out var bytes))
            {
                yield return new MetadataEntry(key, null, bytes);
            }
        }
    }

    public static bool IsBinaryKey(string key) => key.EndsWith(Metadata.BinarySuffix, StringComparison.Ordinal);

    internal static string NormalizeKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var lower = key.ToLowerInvariant();
        foreach (var c in lower)
        {
            var valid = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.';
            if (!valid)
            {
                throw new ArgumentException($"Metadata key '{key}' may only contain a-z, 0-9, '-', '_' and '.'.", nameof(key));
            }
        }

        if (lower.StartsWith("grpc-", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Metadata key '{key}' is reserved: 'grpc-' keys belong to the protocol.", nameof(key));
        }

        return lower;
    }

    public override string ToString() => $"{Key}: {Value}";
}
