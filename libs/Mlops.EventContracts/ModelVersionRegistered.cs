using MassTransit;

namespace Mlops.EventContracts;

/// <summary>A new version of a model was registered with its artifact.</summary>
[MessageUrn("mlops:model-version-registered:v1")]
[EntityName("mlops.model-version-registered.v1")]
public sealed record ModelVersionRegistered(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string Source,
    string Subject,
    string Workspace,
    string ModelName,
    int VersionNumber,
    string ArtifactDigest,
    long ArtifactSizeBytes,
    string CreatedBy) : IIntegrationEvent
{
    public const int ContractVersion = 1;

    public int Version => ContractVersion;

    /// <summary>0 when the artifact is one file; the number of files of a directory artifact (ArtifactDigest is then its manifest's).</summary>
    public int ArtifactFileCount { get; init; }
}
