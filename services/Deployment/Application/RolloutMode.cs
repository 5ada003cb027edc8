namespace Mlops.Deployment.Application;

public enum RolloutMode
{
    /// <summary>All traffic moves to the new deployment at once.</summary>
    BlueGreen,

    /// <summary>Traffic moves in steps, each baked before the next.</summary>
    Canary,
}
