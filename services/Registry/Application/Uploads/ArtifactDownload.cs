namespace Mlops.Registry.Application.Uploads;

/// <summary>
/// What a download sends, in order: the files, each announced before its bytes when <see cref="AnnounceFiles"/>
/// (a whole directory), or just the bytes of the one file (a single-file artifact, or one file of a directory).
/// </summary>
public sealed record ArtifactDownload(bool AnnounceFiles, IReadOnlyList<StoredArtifactFile> Files);
