namespace Mlops.Blobs;

/// <summary>A byte range of a blob: from <see cref="Offset"/>, <see cref="Length"/> bytes, or to the end when null.</summary>
public readonly record struct BlobRange
{
    public BlobRange(long offset, long? length = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (length is { } l)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(l, nameof(length));
        }

        Offset = offset;
        Length = length;
    }

    public long Offset { get; }

    public long? Length { get; }

    /// <summary>The HTTP form, <c>bytes=first-last</c> or <c>bytes=first-</c>.</summary>
    public override string ToString() =>
        Length is { } length ? $"bytes={Offset}-{Offset + length - 1}" : $"bytes={Offset}-";
}
