using System.Globalization;
using System.Text;

namespace Mlops.Blobs.Local;

/// <summary>
/// Where a blob lives under a container folder. Each '/'-segment of the name becomes a folder
/// (the last, a file), percent-encoded so that '%' and characters some file systems refuse
/// never appear raw. Files end in suffixes that start with '%' followed by a non-hex letter,
/// which encoding never produces: so a blob "a" (file <c>a%blob</c>) and a blob "a/b"
/// (folder <c>a</c>) can both exist, as they can in Azure.
/// </summary>
internal static class LocalBlobPaths
{
    public const string DataSuffix = "%blob";
    public const string SidecarSuffix = "%meta";
    public const string TempSuffix = "%temp";

    private const int MaxFileNameBytes = 255;
    private const string Escaped = "%<>:\"|?*";

    public static string DataFile(string containerPath, string blobName) => Path.Combine(Folder(containerPath, blobName), LastSegment(blobName) + DataSuffix);

    public static string SidecarFile(string containerPath, string blobName) => Path.Combine(Folder(containerPath, blobName), LastSegment(blobName) + SidecarSuffix);

    public static string TempFile(string containerPath, string blobName) =>
        Path.Combine(Folder(containerPath, blobName), LastSegment(blobName) + TempSuffix + Guid.NewGuid().ToString("N"));

    /// <summary>The temporary files of the writes of <paramref name="blobName"/> under way, or left by writes a crash stopped.</summary>
    public static IEnumerable<string> TempFiles(string containerPath, string blobName)
    {
        var folder = Folder(containerPath, blobName);
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, LastSegment(blobName) + TempSuffix + "*", new EnumerationOptions { MatchType = MatchType.Simple, MatchCasing = MatchCasing.CaseSensitive, AttributesToSkip = 0 })
            : [];
    }

    public static string Folder(string containerPath, string blobName)
    {
        var segments = blobName.Split('/');
        var path = containerPath;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            path = Path.Combine(path, Encode(segments[i]));
        }

        return path;
    }

    /// <summary>
    /// The folder that holds every blob whose name starts with <paramref name="prefix"/>; null
    /// when no blob name can start so (an empty, "." or ".." segment), which also keeps a
    /// listing inside its container.
    /// </summary>
    public static string? PrefixFolder(string containerPath, string prefix)
    {
        var slash = prefix.LastIndexOf('/');
        if (slash < 0)
        {
            return containerPath;
        }

        var folders = prefix[..slash];
        return folders.Contains('\\', StringComparison.Ordinal) || folders.Split('/').Any(segment => segment is "" or "." or "..")
            ? null
            : Folder(containerPath, prefix[..(slash + 1)]);
    }

    /// <summary>The blob name of a data file, given its path relative to the container folder.</summary>
    public static string BlobNameOf(string relativeDataPath)
    {
        var segments = relativeDataPath[..^DataSuffix.Length].Split(Path.DirectorySeparatorChar);
        return string.Join('/', segments.Select(Decode));
    }

    private static string LastSegment(string blobName)
    {
        var encoded = Encode(blobName[(blobName.LastIndexOf('/') + 1)..]);
        if (Encoding.UTF8.GetByteCount(encoded) + TempSuffix.Length + 32 > MaxFileNameBytes)
        {
            throw TooLong(blobName);
        }

        return encoded;
    }

    private static string Encode(string segment)
    {
        var builder = new StringBuilder(segment.Length);
        foreach (var c in segment)
        {
            if (Escaped.Contains(c, StringComparison.Ordinal))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        var encoded = builder.ToString();
        if (Encoding.UTF8.GetByteCount(encoded) > MaxFileNameBytes)
        {
            throw TooLong(segment);
        }

        return encoded;
    }

    private static string Decode(string segment)
    {
        if (!segment.Contains('%', StringComparison.Ordinal))
        {
            return segment;
        }

        var builder = new StringBuilder(segment.Length);
        for (var i = 0; i < segment.Length; i++)
        {
            if (segment[i] == '%' && i + 2 < segment.Length && int.TryParse(segment.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                builder.Append((char)code);
                i += 2;
            }
            else
            {
                builder.Append(segment[i]);
            }
        }

        return builder.ToString();
    }

    private static BlobStoreException TooLong(string name) =>
        new(400, BlobErrorCodes.InvalidName, $"The local blob store keeps each '/'-segment of a name as a file name, and '{name}' is too long for one.");
}
