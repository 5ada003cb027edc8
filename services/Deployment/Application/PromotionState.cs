namespace Mlops.Deployment.Application;

public enum PromotionState
{
    /// <summary>Moving through its steps, or waiting at the gate or in a bake.</summary>
    Running,
    Succeeded,
    Failed,
    Rejected,
    RolledBack,
    Cancelled,
}
