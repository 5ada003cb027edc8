using Mlops.Registry.Application.Uploads;

namespace Mlops.Registry.Infrastructure;

/// <summary>One file of a directory artifact (table model_version_files).</summary>
public sealed class ModelVersionFileEntity
{
    public required Guid VersionId { get; init; }

    public required string Path { get; init; }

    public required string Sha256 { get; init; }

    public required long SizeBytes { get; init; }

    public required string BlobName { get; init; }

    public static ModelVersionFileEntity From(Guid versionId, StoredArtifactFile file) => new()
    {
        VersionId = versionId,
        Path = file.Path,
        Sha256 = file.Sha256,
        SizeBytes = file.SizeBytes,
        BlobName = file.BlobName,
    };

    public StoredArtifactFile ToStored() => new(Path, Sha256, SizeBytes, BlobName);
}
