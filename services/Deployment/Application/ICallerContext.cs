namespace Mlops.Deployment.Application;

/// <summary>Who makes the current request: the one seam real authentication will fill.</summary>
public interface ICallerContext
{
    string UserName { get; }

    /// <summary>The groups the caller belongs to, as promotion routes name them (<c>group:&lt;name&gt;</c>).</summary>
    IReadOnlySet<string> Groups { get; }
}
