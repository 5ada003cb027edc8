using Mlops.Hosting.ApplicationModel;
using Mlops.Resources;

namespace Mlops.Hosting;

public static class ProjectResourceBuilderExtensions
{
    /// <summary>A service of this repository; <typeparamref name="TProject"/> is generated for each project the AppHost references.</summary>
    public static IResourceBuilder<ProjectResource> AddProject<TProject>(this DistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddResource(new ProjectResource(name, new TProject()));
    }

    /// <summary>An HTTP/1.1 endpoint (health, REST). Without <paramref name="port"/> a free port is chosen at start.</summary>
    public static IResourceBuilder<ProjectResource> WithHttpEndpoint(this IResourceBuilder<ProjectResource> builder, int? port = null, string name = EndpointNames.Http) =>
        builder.WithEndpoint(new EndpointAnnotation(name, EndpointProtocol.Http1, port));

    /// <summary>An h2c endpoint for gRPC. Without <paramref name="port"/> a free port is chosen at start.</summary>
    public static IResourceBuilder<ProjectResource> WithGrpcEndpoint(this IResourceBuilder<ProjectResource> builder, int? port = null, string name = EndpointNames.Grpc) =>
        builder.WithEndpoint(new EndpointAnnotation(name, EndpointProtocol.Http2, port));

    private static IResourceBuilder<ProjectResource> WithEndpoint(this IResourceBuilder<ProjectResource> builder, EndpointAnnotation endpoint)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Resource.Endpoints.Any(existing => existing.Name == endpoint.Name))
        {
            throw new InvalidOperationException($"{builder.Resource} already has an endpoint named '{endpoint.Name}'.");
        }

        builder.Resource.Endpoints.Add(endpoint);
        return builder;
    }
}
