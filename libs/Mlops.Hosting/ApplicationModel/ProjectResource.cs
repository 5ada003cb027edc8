namespace Mlops.Hosting.ApplicationModel;

/// <summary>A service of ours: a .NET project run from its build output, supervised and restarted when it crashes.</summary>
public sealed class ProjectResource(string name, IProjectMetadata project) : Resource(name)
{
    public override string Type => "project";

    public IProjectMetadata Project { get; } = project;

    public List<EndpointAnnotation> Endpoints { get; } = [];

    /// <summary>The path its health is read from, on its HTTP/1.1 endpoint.</summary>
    public string HealthPath { get; set; } = "/health";

    public EndpointAnnotation GetEndpoint(string endpointName) =>
        Endpoints.FirstOrDefault(endpoint => endpoint.Name == endpointName)
        ?? throw new ArgumentException($"{this} has no endpoint '{endpointName}'; it has: {string.Join(", ", Endpoints.Select(endpoint => endpoint.Name))}.", nameof(endpointName));
}
