using Mlops.Hosting.ApplicationModel;

namespace Mlops.Hosting;

internal sealed class ResourceBuilder<T>(T resource, DistributedApplicationBuilder applicationBuilder) : IResourceBuilder<T>
    where T : IResource
{
    public T Resource { get; } = resource;

    public DistributedApplicationBuilder ApplicationBuilder { get; } = applicationBuilder;
}
