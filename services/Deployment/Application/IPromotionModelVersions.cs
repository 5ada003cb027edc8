namespace Mlops.Deployment.Application;

/// <summary>
/// Registered versions, as the registry's GetModelVersion returns them. Throws <see cref="DeploymentException"/>:
/// NotFound for an unknown model or version, Unavailable when the registry cannot be reached.
/// </summary>
public interface IPromotionModelVersions
{
    Task<PromotionModelVersion> GetAsync(string workspace, string modelName, int version, CancellationToken cancellationToken);
}
