using Mlops.Deployment.Application;
using Mlops.Inference;

namespace Mlops.Deployment.Gateway;

/// <summary><see cref="IDeploymentServing"/> over this instance's gateway.</summary>
public sealed class DeploymentServing(GatewayTable table, GatewaySignal signal) : IDeploymentServing
{
    private static readonly DeploymentReadiness Unknown = new(ServingState.Loading, "The gateway has not picked the deployment up yet.");

    public DeploymentReadiness GetReadiness(string endpoint, string deployment) => table.Deployment(endpoint, deployment)?.Readiness ?? Unknown;

    public async Task<DeploymentReadiness> WaitUntilSettledAsync(string endpoint, string deployment, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Taken before the check, so a change between the check and the wait is not missed.
            var changed = table.ChangedAsync();
            var served = table.Deployment(endpoint, deployment);
            if (served?.Readiness is { IsSettled: true } readiness)
            {
                return readiness;
            }

            if (served is null)
            {
                signal.Nudge();
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public ModelMetadata GetMetadata(string endpoint, string deployment) => Ready(endpoint, deployment).Metadata;

    public async Task<InferenceResponse> InferAsync(string endpoint, string deployment, InferenceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = Ready(endpoint, deployment);
        var aimed = request with { ModelName = endpoint, ModelVersion = deployment };
        InferenceValidator.Validate(aimed, model.Metadata);
        var response = await model.InferAsync(aimed, cancellationToken).ConfigureAwait(false);
        return response with { ModelName = endpoint, ModelVersion = deployment, Id = request.Id };
    }

    private ServedModel Ready(string endpoint, string deployment)
    {
        var served = table.Deployment(endpoint, deployment)
            ?? throw InferenceException.ModelNotFound(endpoint, deployment);
        return served.Model
            ?? throw new InferenceException(
                InferenceErrorCode.Unavailable,
                $"Deployment '{deployment}' of endpoint '{endpoint}' is not ready ({served.Readiness.State}{(served.Readiness.Reason.Length > 0 ? ": " + served.Readiness.Reason : string.Empty)}).");
    }
}
