using Mlops.Registry.Application.Versions;

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
    DateTimeOffset CreateTime)
{
    /// <summary>What the version says about its artifact; see <see cref="ModelVersionMetadata"/>.</summary>
    public ModelVersionMetadata Metadata { get; init; } = ModelVersionMetadata.None;

    /// <summary>Raised by every update; the etag is made of it.</summary>
    public long Revision { get; init; } = 1;

    /// <summary>When the version was last updated; the create time until then.</summary>
    public DateTimeOffset UpdateTime { get; init; }
}
