namespace Mlops.Registry.Application;

/// <summary>A registered version; <see cref="ArtifactBlobName"/> is where its artifact is stored, never shown to callers.</summary>
public sealed record ModelVersionInfo(
    string Workspace,
    string ModelName,
    int Version,
    string Description,
    IReadOnlyDictionary<string, string> Tags,
    string ArtifactSha256,
    long ArtifactSizeBytes,
    string ArtifactFileName,
    string ArtifactBlobName,
    string CreatedBy,
    DateTimeOffset CreateTime);
