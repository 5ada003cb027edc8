namespace Mlops.Registry.Application;

/// <summary>
/// Who makes the current request. The one seam real authentication will fill (a token's subject and group claims);
/// everything that records an actor or checks a permission asks this and nothing else.
/// </summary>
public interface ICallerContext
{
    string UserName { get; }

    /// <summary>The groups the caller belongs to, as approval policies name them (<c>group:&lt;name&gt;</c>).</summary>
    IReadOnlySet<string> Groups { get; }
}
