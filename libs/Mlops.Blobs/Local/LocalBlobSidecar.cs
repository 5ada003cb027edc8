namespace Mlops.Blobs.Local;

/// <summary>What the local store keeps beside a blob's bytes (its size is the data file's).</summary>
internal sealed record LocalBlobSidecar(string ContentType, string ETag, DateTimeOffset LastModified, Dictionary<string, string> Metadata);
