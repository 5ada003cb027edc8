namespace Mlops.Registry.Application;

/// <summary>An artifact as written to storage: where, how long, and the SHA-256 (lower-case hex) of the bytes written.</summary>
public sealed record StoredArtifact(string BlobName, long SizeBytes, string Sha256);
