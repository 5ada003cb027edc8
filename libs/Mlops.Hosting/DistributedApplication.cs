using System.Runtime.InteropServices;
using Mlops.Hosting.ApplicationModel;
using Mlops.Hosting.Orchestration;
using Mlops.LocalInfrastructure;


namespace Mlops.Hosting;

/// <summary>
/// The system as built from the model: starts every resource after those it waits for are healthy, supervises the
/// services, and on Ctrl+C or SIGTERM stops everything it started, services first.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly DistributedApplicationOptions _options;
    private readonly ResourceLogs _logs;
    private readonly EnvironmentBuilder _environment;
    private readonly Dictionary<IResource, ResourceRunner> _runners = [];
    private readonly Lock _lifecycle = new();
    private ResourceTable? _table;
    private bool _started;
    private bool _stopped;

    internal DistributedApplication(IReadOnlyList<IResource> resources, DistributedApplicationOptions options, LocalServers localServers)
    {
        Resources = resources;
        _options = options;
        LocalServers = localServers;
        _logs = new ResourceLogs(options.WriteLogsToConsole);
        _environment = new EnvironmentBuilder(options);
        foreach (var resource in resources)
        {
            ResourceNotifications.Register(new ResourceSnapshot(resource.Name, resource.Type, ResourceRunState.NotStarted, HealthStatus.Unknown, []));
        }
    }

    public IReadOnlyList<IResource> Resources { get; }

    public ResourceNotificationService ResourceNotifications { get; } = new();

    public LocalServers LocalServers { get; }

    /// <summary>Set when the testing entry point took this application: <see cref="RunAsync"/> then leaves it to the test.</summary>
    internal bool IsOwnedByTest { get; set; }

    public static DistributedApplicationBuilder CreateBuilder(string[] args) => new(args);

    /// <summary>Starts everything; returns once the infrastructure is healthy and every service has been launched.</summary>
    /// <exception cref="InvalidOperationException">A resource could not start; what did start is stopped again.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_lifecycle)
        {
            if (_started)
            {
                throw new InvalidOperationException("The application was already started.");
            }

            _started = true;
        }

        if (_options.ShowResourceTable)
        {
            _table = new ResourceTable(ResourceNotifications);
        }

        try
        {
            PortAllocator.Assign(Resources.OfType<ProjectResource>(), _options.RandomizePorts);
            foreach (var resource in Resources)
            {
                _runners[resource] = CreateRunner(resource);
                ResourceNotifications.Publish(resource.Name, snapshot => snapshot with { Endpoints = EndpointsOf(resource) });
            }

            await Task.WhenAll(Resources.Select(resource => StartOneAsync(resource, cancellationToken))).ConfigureAwait(false);
        }
        catch
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops services (SIGTERM, then SIGKILL after the grace period), then the infrastructure this application started.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_lifecycle)
        {
            if (_stopped || !_started)
            {
                return;
            }

            _stopped = true;
        }

        var projects = _runners.Values.Where(runner => runner.Resource is ProjectResource).ToList();
        await Task.WhenAll(projects.Select(runner => StopQuietlyAsync(runner, cancellationToken))).ConfigureAwait(false);
        foreach (var runner in _runners.Values.Except(projects).Reverse())
        {
            await StopQuietlyAsync(runner, cancellationToken).ConfigureAwait(false);
        }

        if (_table is not null)
        {
            await _table.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Starts, prints where everything listens, and runs until Ctrl+C, SIGTERM or <paramref name="cancellationToken"/>.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (IsOwnedByTest)
        {
            return;
        }

        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnSignal);
        try
        {
            await StartAsync(shutdown.Token).ConfigureAwait(false);

            // A service that keeps crashing never gets here; the table shows it restarting, and Ctrl+C still stops all.
            await Task.WhenAll(Resources.Select(resource => ResourceNotifications.WaitForResourceHealthyAsync(resource.Name, shutdown.Token))).ConfigureAwait(false);
            _table?.Print();
            await Console.Out.WriteLineAsync(StartedBanner()).ConfigureAwait(false);
            await Task.Delay(Timeout.Infinite, shutdown.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
        }
        catch (Exception e) when (!shutdown.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"The application did not start: {e.Message}").ConfigureAwait(false);
            Environment.ExitCode = 1;
        }

        await Console.Out.WriteLineAsync("Stopping every resource this AppHost started ...").ConfigureAwait(false);
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        await Console.Out.WriteLineAsync("Stopped.").ConfigureAwait(false);

        void OnSignal(PosixSignalContext context)
        {
            // The default action would end the process before the children are stopped.
            context.Cancel = true;
            shutdown.Cancel();
        }
    }

    public void Run() => RunAsync().GetAwaiter().GetResult();

    /// <summary>Where a service's endpoint listens, once started.</summary>
    public Uri GetEndpoint(string resourceName, string endpointName) => FindProject(resourceName).GetEndpoint(endpointName).Url;

    public string GetConnectionString(string resourceName) =>
        Find(resourceName) is IResourceWithConnectionString withConnectionString
            ? withConnectionString.ConnectionString
            : throw new ArgumentException($"Resource '{resourceName}' has no connection string.", nameof(resourceName));

    /// <summary>The last log lines of a resource, oldest first.</summary>
    public IReadOnlyList<string> GetLogs(string resourceName) => _logs.Get(resourceName);

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    private async Task StartOneAsync(IResource resource, CancellationToken cancellationToken)
    {
        var dependencies = resource.Annotations.WaitsFor.Append(resource.Parent).OfType<IResource>().Where(Resources.Contains).Distinct().ToList();
        if (dependencies.Count > 0)
        {
            ResourceNotifications.Publish(resource.Name, snapshot => snapshot with
            {
                State = ResourceRunState.Waiting,
                Detail = "waiting for " + string.Join(", ", dependencies.Select(dependency => dependency.Name)),
            });
            try
            {
                await Task.WhenAll(dependencies.Select(dependency => ResourceNotifications.WaitForResourceHealthyAsync(dependency.Name, cancellationToken))).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                ResourceNotifications.Publish(resource.Name, snapshot => snapshot with { State = ResourceRunState.FailedToStart, Detail = e.Message });
                throw;
            }
        }

        await _runners[resource].StartAsync(cancellationToken).ConfigureAwait(false);
    }

    private ResourceRunner CreateRunner(IResource resource) => resource switch
    {
        LocalServerResource server => new LocalServerRunner(server, ResourceNotifications, _logs),
        PostgresDatabaseResource database => new DependentResourceRunner(database, ResourceNotifications, token => database.Server.PostgresServer.EnsureDatabaseAsync(database.DatabaseName, token)),
        ProjectResource project => new ProjectRunner(project, _environment.For(project), ResourceNotifications, _logs, _options.RestartBackoff, _options.StopGrace),
        _ => new DependentResourceRunner(resource, ResourceNotifications, _ => Task.CompletedTask),
    };

    private async Task StopQuietlyAsync(ResourceRunner runner, CancellationToken cancellationToken)
    {
        try
        {
            await runner.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is LocalResourceException or InvalidOperationException or IOException)
        {
            _logs.Write(runner.Resource.Name, $"did not stop cleanly: {e.Message}");
        }
    }

    private static IReadOnlyList<string> EndpointsOf(IResource resource) => resource switch
    {
        LocalServerResource server => server.Endpoints,
        ProjectResource project => project.Endpoints.Select(endpoint => $"{endpoint.Name}: {endpoint.Url}").ToList(),
        _ => [],
    };

    private string StartedBanner()
    {
        var lines = new List<string> { "", "Distributed application started. Press Ctrl+C to shut down." };
        foreach (var project in Resources.OfType<ProjectResource>())
        {
            foreach (var endpoint in project.Endpoints)
            {
                lines.Add($"  {project.Name} {endpoint.Name,-5} {endpoint.Url}" + (endpoint.Protocol == EndpointProtocol.Http2
                    ? $"    try: grpcurl -plaintext {endpoint.Url.Authority} list"
                    : $"    try: curl {new Uri(endpoint.Url, project.HealthPath)}"));
            }
        }

        return string.Join(Environment.NewLine, lines);
    }

    private IResource Find(string resourceName) =>
        Resources.FirstOrDefault(resource => string.Equals(resource.Name, resourceName, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"No resource '{resourceName}' in this application.", nameof(resourceName));

    private ProjectResource FindProject(string resourceName) =>
        Find(resourceName) as ProjectResource ?? throw new ArgumentException($"Resource '{resourceName}' is not a project.", nameof(resourceName));
}
