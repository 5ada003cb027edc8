namespace Mlops.Blobs;

/// <summary>
/// The names every store accepts. Azure's own rules, narrowed so that a name is also a safe
/// relative path for the local store: no empty, "." or ".." segments, no backslash, no
/// control characters.
/// </summary>
public static class BlobNames
{
    public const int MaxBlobNameLength = 1024;

    public static void ValidateContainer(string container)
    {
        ArgumentNullException.ThrowIfNull(container);
        var valid = container.Length is >= 3 and <= 63
            && char.IsAsciiLetterOrDigit(container[0])
            && char.IsAsciiLetterOrDigit(container[^1])
            && !container.Contains("--", StringComparison.Ordinal);
        foreach (var c in container)
        {
            valid &= char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-';
        }

        if (!valid)
        {
            throw new BlobStoreException(
                400,
                BlobErrorCodes.InvalidName,
                $"'{container}' is not a container name: 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.");
        }
    }

    public static void ValidateBlob(string blobName)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        var reason = Check(blobName);
        if (reason is not null)
        {
            throw new BlobStoreException(400, BlobErrorCodes.InvalidName, $"'{blobName}' is not a blob name: {reason}.");
        }
    }

    private static string? Check(string blobName)
    {
        if (blobName.Length is 0 or > MaxBlobNameLength)
        {
            return $"it must have 1 to {MaxBlobNameLength} characters";
        }

        for (var i = 0; i < blobName.Length; i++)
        {
            var c = blobName[i];
            if (char.IsControl(c) || c == '\\')
            {
                return "it must not hold control characters or backslashes";
            }

            if (char.IsHighSurrogate(c) && i + 1 < blobName.Length && char.IsLowSurrogate(blobName[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return "it must be well-formed Unicode";
            }
        }

        foreach (var segment in blobName.Split('/'))
        {
            if (segment.Length == 0 || segment is "." or "..")
            {
                return "its '/'-separated segments must not be empty, '.' or '..'";
            }

            if (segment[^1] is '.' or ' ')
            {
                return "its segments must not end with '.' or a space";
            }
        }

        return null;
    }
}
