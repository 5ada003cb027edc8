using Mlops.Deployment.Application;

namespace Mlops.Deployment.Infrastructure;

public sealed class DeploymentEntity
{
    public required string Endpoint { get; init; }

    public required string Name { get; init; }

    public required string ModelWorkspace { get; init; }

    public required string ModelName { get; init; }

    /// <summary>The version number the reference named; 0 when it named an alias.</summary>
    public required int RequestedVersion { get; init; }

    public required string ModelAlias { get; init; }

    public required int ModelVersion { get; init; }

    public required string ArtifactSha256 { get; init; }

    public required string Runtime { get; init; }

    public required string ExternalUrl { get; init; }

    public required int Replicas { get; init; }

    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreateTime { get; init; }

    public static DeploymentEntity From(DeploymentInfo deployment) => new()
    {
        Endpoint = deployment.Endpoint,
        Name = deployment.Name,
        ModelWorkspace = deployment.Model.Workspace,
        ModelName = deployment.Model.ModelName,
        RequestedVersion = deployment.Model.Version,
        ModelAlias = deployment.Model.Alias,
        ModelVersion = deployment.Resolved.Version,
        ArtifactSha256 = deployment.Resolved.ArtifactSha256,
        Runtime = deployment.Runtime.Type.ToString(),
        ExternalUrl = deployment.Runtime.ExternalUrl,
        Replicas = deployment.Replicas,
        CreatedBy = deployment.CreatedBy,
        CreateTime = deployment.CreateTime,
    };

    public DeploymentInfo ToInfo() => new(
        Endpoint,
        Name,
        new ModelReference(ModelWorkspace, ModelName, RequestedVersion, ModelAlias),
        new ResolvedModel(ModelVersion, ArtifactSha256),
        new RuntimeSpec(Enum.Parse<RuntimeType>(Runtime), ExternalUrl),
        Replicas,
        CreatedBy,
        CreateTime);
}
