using Mlops.LocalInfrastructure;

namespace Mlops.Testing;

/// <summary>
/// PostgreSQL, RabbitMQ and Azurite for one test run, in a state folder and on ports of their own: no test meets a
/// developer's infrastructure or another test run's. Stopped, and the folder deleted, when disposed.
/// </summary>
public sealed class TestInfrastructure : IAsyncDisposable
{
    private IReadOnlyList<ILocalResource> _started = [];

    public TestInfrastructure(string label)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"{label}-{Guid.NewGuid():N}"[..(label.Length + 13)]);
        Directory.CreateDirectory(directory);
        Servers = new LocalServers(PrivateOptions(directory));
    }

    public LocalServers Servers { get; }

    /// <summary>Options for servers in <paramref name="stateDirectory"/>, each on a free port of its own.</summary>
    public static LocalInfrastructureOptions PrivateOptions(string stateDirectory) => new()
    {
        StateDirectory = stateDirectory,
        RepositoryRoot = LocalInfrastructureOptions.FindRepositoryRoot(AppContext.BaseDirectory),
        PostgresPort = FreePorts.Next(),
        RabbitMqPort = FreePorts.Next(),
        RabbitMqEpmdPort = FreePorts.Next(),
        RabbitMqDistributionPort = FreePorts.Next(),
        AzuriteBlobPort = FreePorts.Next(),
        StartTimeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>Starts the servers <paramref name="select"/> picks, together.</summary>
    public async Task StartAsync(Func<LocalServers, IReadOnlyList<ILocalResource>> select)
    {
        ArgumentNullException.ThrowIfNull(select);
        _started = select(Servers);
        await Servers.StartAsync(_started).ConfigureAwait(false);
    }

    /// <summary>A new, empty database of a unique name; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string label)
    {
        var name = $"{label}_{Guid.NewGuid():N}"[..30];
        await Servers.Postgres.EnsureDatabaseAsync(name).ConfigureAwait(false);
        return Servers.Postgres.ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Servers.StopAsync(_started).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                Directory.Delete(Servers.Options.StateDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A server that was slow to exit may still hold a file; the temp folder is cleaned by the OS.
            }
        }
    }
}
