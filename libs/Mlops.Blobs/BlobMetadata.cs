namespace Mlops.Blobs;

/// <summary>
/// Metadata as the Blob service takes it (x-ms-meta-* headers): names are C# identifiers,
/// compared without case; values are printable ASCII without surrounding spaces, because
/// HTTP trims them; 8 KiB in all.
/// </summary>
public static class BlobMetadata
{
    public const int MaxTotalSize = 8 * 1024;

    public static IReadOnlyDictionary<string, string> Empty { get; } =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase).AsReadOnly();

    /// <summary>Checks the metadata and returns a copy whose names compare case-insensitively.</summary>
    public static IReadOnlyDictionary<string, string> Normalize(IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null || metadata.Count == 0)
        {
            return Empty;
        }

        var copy = new Dictionary<string, string>(metadata.Count, StringComparer.OrdinalIgnoreCase);
        var total = 0;
        foreach (var (name, value) in metadata)
        {
            if (!IsValidName(name))
            {
                throw Invalid($"the name '{name}' is not a C# identifier (ASCII letters, digits and '_', not starting with a digit)");
            }

            if (!IsValidValue(value))
            {
                throw Invalid($"the value of '{name}' must be printable ASCII without leading or trailing spaces");
            }

            if (!copy.TryAdd(name, value))
            {
                throw Invalid($"the name '{name}' appears twice (names ignore case)");
            }

            total += name.Length + value.Length;
        }

        if (total > MaxTotalSize)
        {
            throw Invalid($"names and values add up to {total} characters, more than {MaxTotalSize}");
        }

        return copy.AsReadOnly();
    }

    private static bool IsValidName(string name)
    {
        if (string.IsNullOrEmpty(name) || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsValidValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && (value[0] == ' ' || value[^1] == ' '))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    private static BlobStoreException Invalid(string reason) =>
        new(400, BlobErrorCodes.InvalidMetadata, $"Invalid blob metadata: {reason}.");
}
