using Mlops.Hosting.ApplicationModel;

namespace Mlops.Hosting;

public static class ResourceBuilderExtensions
{
    /// <summary>Gives the resource <c>ConnectionStrings__{source name}</c>.</summary>
    public static IResourceBuilder<ProjectResource> WithReference(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<IResourceWithConnectionString> source)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(source);
        builder.Resource.Annotations.References.Add(source.Resource);
        return builder;
    }

    /// <summary>Gives the resource <c>services__{service}__{endpoint}__0</c> for each endpoint of <paramref name="service"/>.</summary>
    public static IResourceBuilder<ProjectResource> WithReference(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<ProjectResource> service)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(service);
        builder.Resource.Annotations.References.Add(service.Resource);
        return builder;
    }

    /// <summary>Starts the resource only once <paramref name="dependency"/> is healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dependency);
        builder.Resource.Annotations.WaitsFor.Add(dependency.Resource);
        return builder;
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.Annotations.Environment[name] = value;
        return builder;
    }
}
