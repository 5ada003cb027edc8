namespace Mlops.Blobs;

/// <summary>
/// An open read of a blob: <see cref="Content"/> yields bytes <see cref="Offset"/> to
/// <see cref="Offset"/> + <see cref="Length"/> of the blob described by <see cref="Properties"/>.
/// Dispose it to release the connection or file.
/// </summary>
public sealed class BlobDownload(Stream content, BlobProperties properties, long offset, long length) : IDisposable, IAsyncDisposable
{
    public Stream Content { get; } = content;

    /// <summary>The whole blob's properties: <see cref="BlobProperties.Size"/> is the blob's size, not the range's.</summary>
    public BlobProperties Properties { get; } = properties;

    public long Offset { get; } = offset;

    public long Length { get; } = length;

    public void Dispose() => Content.Dispose();

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
