using Mlops.LocalInfrastructure;

namespace Mlops.Hosting.ApplicationModel;

/// <summary>Infrastructure run as a local process by <see cref="LocalServers"/> instead of a container.</summary>
public abstract class LocalServerResource(string name) : Resource(name)
{
    public abstract ILocalResource Server { get; }

    public abstract IReadOnlyList<string> Endpoints { get; }
}
