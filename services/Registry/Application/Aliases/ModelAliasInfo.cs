namespace Mlops.Registry.Application.Aliases;

/// <summary>An alias as callers see it; <see cref="UpdatedBy"/> is empty and <see cref="UpdateTime"/> null for "latest".</summary>
public sealed record ModelAliasInfo(
    string Workspace,
    string ModelName,
    string Alias,
    int Version,
    string ArtifactSha256,
    bool Protected,
    string UpdatedBy,
    DateTimeOffset? UpdateTime);
