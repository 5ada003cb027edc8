using System.Text;
using Mlops.Grpc.Client;
using Mlops.Hosting.Orchestration;
using Mlops.Resources;

namespace Mlops.Hosting.Testing;

/// <summary>A running application owned by a test: where things listen, ready channels, logs; disposing it stops everything and deletes its state.</summary>
public sealed class TestingApplication : IAsyncDisposable
{
    private readonly List<GrpcChannel> _channels = [];

    internal TestingApplication(DistributedApplication application, string stateDirectory)
    {
        Application = application;
        StateDirectory = stateDirectory;
    }

    public DistributedApplication Application { get; }

    /// <summary>This run's PostgreSQL, RabbitMQ and Azurite data and logs.</summary>
    public string StateDirectory { get; }

    public ResourceNotificationService ResourceNotifications => Application.ResourceNotifications;

    /// <summary>A channel to the service's gRPC endpoint, disposed with the application.</summary>
    public GrpcChannel CreateGrpcChannel(string resourceName)
    {
        var channel = GrpcChannel.ForAddress(Application.GetEndpoint(resourceName, EndpointNames.Grpc));
        lock (_channels)
        {
            _channels.Add(channel);
        }

        return channel;
    }

    public Uri GetEndpoint(string resourceName, string endpointName) => Application.GetEndpoint(resourceName, endpointName);

    public string GetConnectionString(string resourceName) => Application.GetConnectionString(resourceName);

    public IReadOnlyList<string> GetLogs(string resourceName) => Application.GetLogs(resourceName);

    /// <summary>Waits until every resource is healthy; on failure the message shows each resource's state and the last log lines of those not healthy.</summary>
    public async Task WaitForHealthyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await Task.WhenAll(Application.Resources.Select(resource => ResourceNotifications.WaitForResourceHealthyAsync(resource.Name, cancellationToken))).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            throw new InvalidOperationException($"The application did not become healthy: {e.Message}{Environment.NewLine}{Describe()}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_channels)
        {
            foreach (var channel in _channels)
            {
                channel.Dispose();
            }

            _channels.Clear();
        }

        await Application.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // PostgreSQL's files belong to the postgres user; what cannot go now goes with /tmp.
        }
    }

    private string Describe()
    {
        var text = new StringBuilder(ResourceTable.Render(ResourceNotifications.Snapshots));
        foreach (var snapshot in ResourceNotifications.Snapshots.Where(snapshot => snapshot.Health != HealthStatus.Healthy))
        {
            text.AppendLine().AppendLine($"--- last lines of {snapshot.Name} ---");
            foreach (var line in GetLogs(snapshot.Name).TakeLast(40))
            {
                text.AppendLine(line);
            }
        }

        return text.ToString();
    }
}
