namespace Mlops.Hosting.ApplicationModel;

/// <summary>What the builder methods attach to a resource: whom it waits for, and what its environment holds.</summary>
public sealed class ResourceAnnotations
{
    public List<IResource> WaitsFor { get; } = [];

    /// <summary>Resources whose connection string or endpoints this one is given.</summary>
    public List<IResource> References { get; } = [];

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);
}
