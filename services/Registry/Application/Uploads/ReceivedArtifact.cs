namespace Mlops.Registry.Application.Uploads;

/// <summary>
/// An artifact once all of it is stored: where, its digest (a directory's: its manifest's) and size, and the files of
/// a directory (none for a single file).
/// </summary>
public sealed record ReceivedArtifact(string BlobName, string Sha256, long SizeBytes, IReadOnlyList<StoredArtifactFile> Files);
