namespace Mlops.Registry.Application;

/// <summary>What the client says of a version before sending its artifact.</summary>
public sealed record NewModelVersion(
    string? Workspace,
    string? ModelName,
    string? ArtifactSha256,
    long ArtifactSizeBytes,
    string? ArtifactFileName,
    string? Description,
    IReadOnlyDictionary<string, string> Tags);
