using Mlops.Registry.Application.Versions;

namespace Mlops.Registry.Application;

/// <summary>What the client says of a version before sending its artifact.</summary>
public sealed record NewModelVersion(
    string? Workspace,
    string? ModelName,
    string? ArtifactSha256,
    long ArtifactSizeBytes,
    string? ArtifactFileName,
    string? Description,
    IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>The header's metadata, checked before any byte of the artifact is stored.</summary>
    public ModelVersionMetadata Metadata { get; init; } = ModelVersionMetadata.None;
}
