namespace Mlops.Blobs.Tests.Infrastructure;

/// <summary>Blob properties compare by value, metadata included.</summary>
public sealed class BlobPropertiesComparer : IEqualityComparer<BlobProperties>
{
    public static BlobPropertiesComparer Instance { get; } = new();

    public bool Equals(BlobProperties? x, BlobProperties? y) =>
        x is not null && y is not null
        && (x.Container, x.Name, x.Size, x.ContentType, x.ETag, x.LastModified) == (y.Container, y.Name, y.Size, y.ContentType, y.ETag, y.LastModified)
        && x.Metadata.Count == y.Metadata.Count
        && x.Metadata.All(m => y.Metadata.TryGetValue(m.Key, out var value) && value == m.Value);

    public int GetHashCode(BlobProperties obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
}
