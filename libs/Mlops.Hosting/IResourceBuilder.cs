using Mlops.Hosting.ApplicationModel;

namespace Mlops.Hosting;

/// <summary>A resource being added to the application, and the builder it belongs to, for fluent calls.</summary>
public interface IResourceBuilder<out T>
    where T : IResource
{
    T Resource { get; }

    DistributedApplicationBuilder ApplicationBuilder { get; }
}
