namespace Mlops.Deployment.Application;

/// <summary>The pipeline's steps, in order.</summary>
public enum PromotionStep
{
    DeployStaging,
    StagingReady,
    StagingChecks,
    Approval,
    DeployProduction,
    Rollout,
    Done,
}
