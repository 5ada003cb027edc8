namespace Mlops.Deployment.Application;

public enum RuntimeType
{
    /// <summary>Served in process by the deployment service.</summary>
    Builtin,

    /// <summary>Proxied to an Open Inference Protocol server by URL.</summary>
    External,
}
