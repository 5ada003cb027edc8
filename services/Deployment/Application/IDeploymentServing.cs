using Mlops.Inference;

namespace Mlops.Deployment.Application;

/// <summary>
/// The inference gateway as the promotion pipeline sees it: one deployment's readiness, and inference aimed at that
/// deployment regardless of the endpoint's traffic split (staging checks must reach the new deployment before it
/// takes traffic).
/// </summary>
public interface IDeploymentServing
{
    DeploymentReadiness GetReadiness(string endpoint, string deployment);

    /// <summary>Completes when the deployment is Ready or Failed in this instance.</summary>
    Task<DeploymentReadiness> WaitUntilSettledAsync(string endpoint, string deployment, CancellationToken cancellationToken);

    /// <summary>The model's inputs and outputs as served (from the registered signature, else from the model itself).</summary>
    ModelMetadata GetMetadata(string endpoint, string deployment);

    /// <summary>
    /// Runs one request on the deployment. Throws <see cref="InferenceException"/> as the protocol would: INVALID_ARGUMENT
    /// for a request that does not fit the metadata, UNAVAILABLE while the deployment is not ready.
    /// </summary>
    Task<InferenceResponse> InferAsync(string endpoint, string deployment, InferenceRequest request, CancellationToken cancellationToken);
}
