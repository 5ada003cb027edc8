namespace Mlops.Blobs;

/// <summary>The blob as written: its size, ETag and the SHA-256 (lowercase hex) of the bytes read from the stream.</summary>
public sealed record BlobUploadResult(
    string Container,
    string Name,
    long Size,
    string ETag,
    DateTimeOffset LastModified,
    string Sha256);
