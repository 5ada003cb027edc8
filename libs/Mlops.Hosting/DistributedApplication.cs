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

    // Cancelled by a stop that arrives while the start is still under way, and as soon as a signal asks to shut down.
    private readonly CancellationTokenSource _stopRequested = new();
    private Task _starting = Task.CompletedTask;
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
        using var starting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopRequested.Token);
        lock (_lifecycle)
        {
            if (_started)
            {
                throw new InvalidOperationException("The application was already started.");
            }

            _started = true;
            if (_options.ShowResourceTable)
            {
                _table = new ResourceTable(ResourceNotifications);
            }

            _starting = StartResourcesAsync(starting.Token);
        }

        try
        {
            await _starting.ConfigureAwait(false);
        }
        catch
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Stops services (SIGTERM, then SIGKILL after the grace period or at once when <paramref name="cancellationToken"/> is
    /// cancelled), then the infrastructure this application started. A start still under way is cancelled first.
    /// </summary>
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

        await _stopRequested.CancelAsync().ConfigureAwait(false);
        try
        {
            await _starting.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The start's own failure was reported by whoever awaited it; what matters now is to stop what did start.
        }

        var runners = _runners.Values.ToList();
        var projects = runners.Where(runner => runner.Resource is ProjectResource).ToList();
        await Task.WhenAll(projects.Select(runner => StopQuietlyAsync(runner, cancellationToken))).ConfigureAwait(false);
        foreach (var runner in runners.Except(projects).Reverse())
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
        using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
        try
        {
            await StartAsync(shutdown.Token).ConfigureAwait(false);

            // A service that keeps crashing never gets here; the table shows it restarting, and Ctrl+C still stops all.
            await Task.WhenAll(Resources.Select(resource => ResourceNotifications.WaitForResourceHealthyAsync(resource.Name, shutdown.Token))).ConfigureAwait(false);
            _table?.Print();
            await Console.Out.WriteLineAsync(StartedBanner()).ConfigureAwait(false);
            await Task.Delay(Timeout.Infinite, shutdown.Token).ConfigureAwait(false);
        }
        catch (Exception) when (shutdown.IsCancellationRequested)
        {
            // Asked to stop, possibly in the middle of the start: whatever the start threw is not news to the user.
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

            // Ctrl+C reaches the services too (same process group); telling the runners now keeps them from restarting them.
            _stopRequested.Cancel();
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

    private async Task StartResourcesAsync(CancellationToken cancellationToken)
    {
        PortAllocator.Assign(Resources.OfType<ProjectResource>(), _options.RandomizePorts);
        foreach (var resource in Resources)
        {
            _runners[resource] = CreateRunner(resource);
            ResourceNotifications.Publish(resource.Name, snapshot => snapshot with { Endpoints = EndpointsOf(resource) });
        }

        // Yield so that the runners are all in place before a concurrent StopAsync can look at them.
        await Task.Yield();
        await Task.WhenAll(Resources.Select(resource => StartOneAsync(resource, cancellationToken))).ConfigureAwait(false);
    }

    private async Task StartOneAsync(IResource resource, CancellationToken cancellationToken)
    {
        var dependencies = resource.Annotations.WaitsFor.Append(resource.Parent).OfType<IResource>().Where(Resources.Contains).Distinct().ToList();
        try
        {
            if (dependencies.Count > 0)
            {
                ResourceNotifications.Publish(resource.Name, snapshot => snapshot with
                {
                    State = ResourceRunState.Waiting,
                    Detail = "waiting for " + string.Join(", ", dependencies.Select(dependency => dependency.Name)),
                });
                await Task.WhenAll(dependencies.Select(dependency => ResourceNotifications.WaitForResourceHealthyAsync(dependency.Name, cancellationToken))).ConfigureAwait(false);
            }

            await _runners[resource].StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever the runner threw, the table and every waiter must learn that this resource will not come up.
            ResourceNotifications.Publish(resource.Name, snapshot => snapshot.State == ResourceRunState.FailedToStart
                ? snapshot
                : snapshot with { State = ResourceRunState.FailedToStart, Health = HealthStatus.Unhealthy, Detail = e.Message.Split('\n')[0] });
            throw;
        }
    }

    private ResourceRunner CreateRunner(IResource resource) => resource switch
    {
        LocalServerResource server => new LocalServerRunner(server, ResourceNotifications, _logs),
        PostgresDatabaseResource database => new DependentResourceRunner(database, ResourceNotifications, token => database.Server.PostgresServer.EnsureDatabaseAsync(database.DatabaseName, token)),
        ProjectResource project => new ProjectRunner(project, _environment.For(project), ResourceNotifications, _logs, _options.RestartBackoff, _options.StopGrace, _stopRequested.Token),
        _ => new DependentResourceRunner(resource, ResourceNotifications, _ => Task.CompletedTask),
    };

    private async Task StopQuietlyAsync(ResourceRunner runner, CancellationToken cancellationToken)
    {
        try
        {
            await runner.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // One resource that does not stop cleanly must not keep the others, the infrastructure above all, running.
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
