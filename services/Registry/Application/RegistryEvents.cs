using Mlops.EventContracts;
using Mlops.Resources;

namespace Mlops.Registry.Application;

/// <summary>The integration events the registry publishes, made one way.</summary>
public static class RegistryEvents
{
    public static ModelCreated Created(ModelInfo model) => new(
        Guid.NewGuid(),
        model.CreateTime,
        ResourceNames.Registry,
        EventSubjects.Model(model.Workspace, model.Name),
        model.Workspace,
        model.Name,
        model.CreatedBy);

    public static ModelVersionRegistered VersionRegistered(ModelVersionInfo version) => new(
        Guid.NewGuid(),
        version.CreateTime,
        ResourceNames.Registry,
        EventSubjects.ModelVersion(version.Workspace, version.ModelName, version.Version),
        version.Workspace,
        version.ModelName,
        version.Version,
        "sha256:" + version.ArtifactSha256,
        version.ArtifactSizeBytes,
        version.CreatedBy)
    {
        ArtifactFileCount = version.ArtifactFileCount,
    };
}
