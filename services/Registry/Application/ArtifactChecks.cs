using System.Runtime.CompilerServices;

namespace Mlops.Registry.Application;

/// <summary>What every upload (a model's artifact, a dataset's file) is checked against: the header's digest and size.</summary>
public static class ArtifactChecks
{
    /// <summary>Why the stored bytes are not what header.artifact_sha256 and header.artifact_size_bytes announced, or null.</summary>
    public static string? Mismatch(StoredArtifact stored, string sha256, long? expectedSize)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return stored.Sha256 != sha256
            ? $"The artifact's SHA-256 does not match header.artifact_sha256: expected {sha256}, actual {stored.Sha256}."
            : expectedSize is { } size && stored.SizeBytes != size
                ? $"The artifact's size does not match header.artifact_size_bytes: expected {size}, actual {stored.SizeBytes}."
                : null;
    }

    /// <summary>Stops an upload as soon as it outgrows the size the header announced, instead of storing it all first.</summary>
    public static IAsyncEnumerable<ReadOnlyMemory<byte>> NoLongerThan(
        IAsyncEnumerable<ReadOnlyMemory<byte>> chunks,
        long? expectedSize,
        CancellationToken cancellationToken) =>
        NoLongerThan(chunks, expectedSize, "The artifact's size does not match header.artifact_size_bytes", cancellationToken);

    /// <summary>Stops an upload as soon as it outgrows <paramref name="expectedSize"/>, failing with <paramref name="mismatch"/>.</summary>
    public static async IAsyncEnumerable<ReadOnlyMemory<byte>> NoLongerThan(
        IAsyncEnumerable<ReadOnlyMemory<byte>> chunks,
        long? expectedSize,
        string mismatch,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        long total = 0;
        await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            total += chunk.Length;
            if (total > expectedSize)
            {
                throw RegistryException.Invalid($"{mismatch}: expected {expectedSize}, actual at least {total}.");
            }

            yield return chunk;
        }
    }
}
