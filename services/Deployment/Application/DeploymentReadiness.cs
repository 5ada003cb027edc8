namespace Mlops.Deployment.Application;

/// <summary>A deployment's serving state in this instance, with the reason when it failed.</summary>
public sealed record DeploymentReadiness(ServingState State, string Reason)
{
    public bool IsSettled => State is ServingState.Ready or ServingState.Failed;
}
