namespace Mlops.Blobs;

/// <summary>A read range that starts at or past the end of the blob (HTTP 416, <see cref="BlobErrorCodes.InvalidRange"/>).</summary>
public sealed class BlobRangeNotSatisfiableException(string container, string blobName, BlobRange range, long? blobSize)
    : BlobStoreException(416, BlobErrorCodes.InvalidRange, Describe(container, blobName, range, blobSize))
{
    public BlobRange Range { get; } = range;

    /// <summary>The blob's size, when the store said it.</summary>
    public long? BlobSize { get; } = blobSize;

    private static string Describe(string container, string blobName, BlobRange range, long? blobSize) =>
        blobSize is { } size
            ? $"The range {range} starts at or past the end of blob '{blobName}' in container '{container}', which has {size} bytes."
            : $"The range {range} starts at or past the end of blob '{blobName}' in container '{container}'.";
}
