namespace Mlops.Registry.Application.Uploads;

/// <summary>One file of a directory artifact as the client announces it: its relative path, SHA-256 (lower-case hex) and exact size.</summary>
public sealed record ArtifactFileInfo(string Path, string Sha256, long SizeBytes);
