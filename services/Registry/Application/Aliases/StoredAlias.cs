namespace Mlops.Registry.Application.Aliases;

/// <summary>An alias as stored: the version it points at (with that version's digest) and who pointed it there when.</summary>
public sealed record StoredAlias(string Alias, int Version, string ArtifactSha256, string UpdatedBy, DateTimeOffset UpdateTime);
