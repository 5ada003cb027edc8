namespace Mlops.Deployment.Application;

/// <summary>Where a deployment's model is in this instance's gateway.</summary>
public enum ServingState
{
    /// <summary>The gateway has not heard of the deployment yet, or is fetching, verifying or loading its model.</summary>
    Loading,

    /// <summary>Loaded and warmed up: requests are served.</summary>
    Ready,

    /// <summary>The model could not be fetched, verified or loaded; <see cref="DeploymentReadiness.Reason"/> says why.</summary>
    Failed,
}
