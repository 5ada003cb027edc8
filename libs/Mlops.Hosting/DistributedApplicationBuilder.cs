using Microsoft.Extensions.Configuration;
using Mlops.Hosting.ApplicationModel;
using Mlops.LocalInfrastructure;

namespace Mlops.Hosting;

/// <summary>The model of the system: resources, their references and their start order, built into a <see cref="DistributedApplication"/>.</summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<IResource> _resources = [];
    private LocalServers? _localServers;

    internal DistributedApplicationBuilder(string[] args)
    {
        Configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        Options = DistributedApplicationOptions.FromConfiguration(Configuration);
        TestingHook = DistributedApplicationTestingHook.Current;
        TestingHook?.ConfigureBuilder(this);
    }

    public IConfiguration Configuration { get; }

    public DistributedApplicationOptions Options { get; }

    public IReadOnlyList<IResource> Resources => _resources;

    /// <summary>The local PostgreSQL, RabbitMQ and Azurite, on <see cref="DistributedApplicationOptions.Infrastructure"/>.</summary>
    public LocalServers LocalServers => _localServers ??= new LocalServers(Options.Infrastructure);

    internal DistributedApplicationTestingHook? TestingHook { get; }

    public IResourceBuilder<T> AddResource<T>(T resource)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (_resources.Any(existing => string.Equals(existing.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists; resource names are unique, ignoring case.");
        }

        _resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    public DistributedApplication Build()
    {
        Validate();
        var selected = Options.OnlyResources is { } only ? DependencyClosure(only) : _resources.ToList();
        var application = new DistributedApplication(selected, Options, LocalServers);
        TestingHook?.Capture(application);
        return application;
    }

    /// <summary>Refuses a model that could never become healthy, before anything is started.</summary>
    private void Validate()
    {
        foreach (var project in _resources.OfType<ProjectResource>())
        {
            // Health is probed over HTTP/1.1: without such an endpoint the service would wait forever in "Running".
            if (!project.Endpoints.Any(endpoint => endpoint.Protocol == EndpointProtocol.Http1))
            {
                throw new InvalidOperationException($"Project '{project.Name}' has no HTTP endpoint; add WithHttpEndpoint(...) so its {project.HealthPath} can be probed.");
            }
        }

        var visiting = new List<IResource>();
        var done = new HashSet<IResource>();
        foreach (var resource in _resources)
        {
            VisitWaits(resource, visiting, done);
        }
    }

    private static void VisitWaits(IResource resource, List<IResource> visiting, HashSet<IResource> done)
    {
        if (done.Contains(resource))
        {
            return;
        }

        if (visiting.Contains(resource))
        {
            var cycle = visiting.SkipWhile(other => other != resource).Append(resource).Select(other => other.Name);
            throw new InvalidOperationException($"Resources wait for each other in a cycle: {string.Join(" -> ", cycle)}; none of them could ever start.");
        }

        visiting.Add(resource);
        foreach (var next in resource.Annotations.WaitsFor.Append(resource.Parent).OfType<IResource>())
        {
            VisitWaits(next, visiting, done);
        }

        visiting.RemoveAt(visiting.Count - 1);
        done.Add(resource);
    }

    /// <summary>The named resources and, transitively, every resource they reference, wait for or live in, in model order.</summary>
    private List<IResource> DependencyClosure(IReadOnlyCollection<string> names)
    {
        var wanted = new HashSet<IResource>();
        var pending = new Stack<IResource>(names.Select(Find));
        while (pending.TryPop(out var resource))
        {
            if (!wanted.Add(resource))
            {
                continue;
            }

            foreach (var next in resource.Annotations.References.Concat(resource.Annotations.WaitsFor).Append(resource.Parent).OfType<IResource>())
            {
                pending.Push(next);
            }
        }

        return _resources.Where(wanted.Contains).ToList();
    }

    private IResource Find(string name) =>
        _resources.FirstOrDefault(resource => string.Equals(resource.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"No resource '{name}' in the model; it has: {string.Join(", ", _resources.Select(resource => resource.Name))}.", nameof(name));
}
