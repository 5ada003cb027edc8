namespace Mlops.Deployment.Application;

/// <summary>Who makes the current request: the one seam real authentication will fill.</summary>
public interface ICallerContext
{
    string UserName { get; }
}
