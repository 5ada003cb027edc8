using Mlops.Registry.Application;
using Mlops.Registry.Infrastructure.Caching;

namespace Mlops.Registry.Infrastructure;

public sealed class ModelVersionEntity : IModelScoped
{
    public required Guid Id { get; init; }

    public required Guid ModelId { get; init; }

    public ModelEntity? Model { get; init; }

    public required int Version { get; init; }

    public required string Description { get; init; }

    public required Dictionary<string, string> Tags { get; init; }

    public required string ArtifactSha256 { get; init; }

    public required long ArtifactSizeBytes { get; init; }

    public required string ArtifactFileName { get; init; }

    public required string ArtifactBlobName { get; init; }

    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreateTime { get; init; }

    public static ModelVersionEntity From(Guid modelId, ModelVersionInfo version) => new()
    {
        Id = Guid.NewGuid(),
        ModelId = modelId,
        Version = version.Version,
        Description = version.Description,
        Tags = new Dictionary<string, string>(version.Tags, StringComparer.Ordinal),
        ArtifactSha256 = version.ArtifactSha256,
        ArtifactSizeBytes = version.ArtifactSizeBytes,
        ArtifactFileName = version.ArtifactFileName,
        ArtifactBlobName = version.ArtifactBlobName,
        CreatedBy = version.CreatedBy,
        CreateTime = version.CreateTime,
    };

    public ModelVersionInfo ToInfo()
    {
        var model = Model ?? throw new InvalidOperationException("Load the version with its model.");
        return new(
            model.Workspace, model.Name, Version, Description, Tags, ArtifactSha256, ArtifactSizeBytes, ArtifactFileName, ArtifactBlobName, CreatedBy, CreateTime);
    }
}
