namespace Mlops.Registry.Application.Uploads;

/// <summary>One file of a directory artifact as stored: verified against its announcement, in a blob of its own.</summary>
public sealed record StoredArtifactFile(string Path, string Sha256, long SizeBytes, string BlobName);
