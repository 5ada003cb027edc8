namespace Mlops.Deployment.Application;

/// <summary>The runner's settings (section <c>Promotion</c>).</summary>
public sealed class PromotionOptions
{
    public const string Section = "Promotion";

    /// <summary>How often an idle runner looks for due promotions.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claimed step belongs to one instance; a crashed instance's step is taken over after it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a step that met a passing fault (the registry unreachable, say) waits before its next try.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a new deployment may take to become ready before the promotion fails.</summary>
    public TimeSpan ReadyTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The queue the service's promotion consumers (ModelVersionApproved, DeploymentAlertRaised) share; installations
    /// that share one broker give each its own.
    /// </summary>
    public string Queue { get; set; } = "deployment-promotions";
}
