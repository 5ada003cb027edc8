namespace Mlops.Deployment.Application;

/// <summary>A deployment: the model as referenced, the version and digest it resolved to at creation, and its runtime.</summary>
public sealed record DeploymentInfo(
    string Endpoint,
    string Name,
    ModelReference Model,
    ResolvedModel Resolved,
    RuntimeSpec Runtime,
    int Replicas,
    string CreatedBy,
    DateTimeOffset CreateTime);
