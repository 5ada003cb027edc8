namespace Mlops.Deployment.Application;

/// <summary>
/// Resolves model references through the registry. Throws <see cref="DeploymentException"/>: NotFound with the
/// registry's message for an unknown model, version or alias; Unavailable when the registry cannot be reached.
/// </summary>
public interface IModelResolver
{
    Task<ResolvedModel> ResolveAsync(ModelReference reference, CancellationToken cancellationToken);
}
