namespace Mlops.Deployment.Application;

/// <summary>The names enums take in events, as the proto spells them, so consumers need no C# enum.</summary>
public static class DeploymentEvents
{
    public static string RolloutName(RolloutMode mode) => mode == RolloutMode.Canary ? "CANARY" : "BLUE_GREEN";

    public static string RuntimeName(RuntimeType type) => type == RuntimeType.External ? "EXTERNAL" : "BUILTIN";
}
