using System.Security.Cryptography;
using System.Text;

namespace Mlops.Registry.Application.Uploads;

/// <summary>
/// The canonical manifest of a directory artifact, whose SHA-256 is the artifact's digest: one line
/// <c>"&lt;sha256&gt;  &lt;path&gt;\n"</c> per file (sha256sum's format), the lines ordered by the paths' UTF-8 bytes.
/// Byte order, not .NET's UTF-16 ordinal order (they differ above U+FFFF), is what Python's sorted() and
/// <c>LC_ALL=C sort</c> give, so any client can compute the same digest.
/// </summary>
public static class ArtifactManifest
{
    private static readonly Comparer<byte[]> Utf8Order = Comparer<byte[]>.Create((x, y) => x.AsSpan().SequenceCompareTo(y));

    public static string Sha256(IEnumerable<(string Path, string Sha256)> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, sha256) in Ordered(files))
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{sha256}  {path}\n"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Paths in manifest order: by their UTF-8 bytes.</summary>
    public static IEnumerable<T> Ordered<T>(IEnumerable<T> files, Func<T, string> path) =>
        files.Select(file => (File: file, Key: Encoding.UTF8.GetBytes(path(file))))
            .OrderBy(entry => entry.Key, Utf8Order)
            .Select(entry => entry.File);

    private static IEnumerable<(string Path, string Sha256)> Ordered(IEnumerable<(string Path, string Sha256)> files) =>
        Ordered(files, file => file.Path);
}
