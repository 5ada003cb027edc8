using Mlops.EventContracts;
using Mlops.Registry.Application.Versions;
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
        Flavor = version.Metadata.Flavor,
        Framework = version.Metadata.Framework,
        FrameworkVersion = version.Metadata.FrameworkVersion,
        Inputs = Tensors(version.Metadata.Signature?.Inputs),
        Outputs = Tensors(version.Metadata.Signature?.Outputs),
        Metrics = version.Metadata.Metrics,
        DatasetVersions = version.Metadata.DatasetVersions.Select(d => new DatasetVersionReference(d.DatasetName, d.Version, Role(d.Role))).ToArray(),
        SourceRunId = version.Metadata.Source.RunId,
        SourceCommit = version.Metadata.Source.Commit,
        SourcePipelineUrl = version.Metadata.Source.PipelineUrl,
    };

    /// <summary>A role as the contracts write it, the proto enum's name without its prefix.</summary>
    public static string Role(DatasetUse role) => role.ToString().ToUpperInvariant();

    private static TensorDescription[] Tensors(IReadOnlyList<TensorInfo>? tensors) =>
        tensors?.Select(t => new TensorDescription(t.Name, t.Datatype, t.Shape)).ToArray() ?? [];
}
