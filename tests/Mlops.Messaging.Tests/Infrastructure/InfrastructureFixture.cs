using Mlops.LocalInfrastructure;
using Mlops.Testing;

namespace Mlops.Messaging.Tests.Infrastructure;

/// <summary>
/// PostgreSQL and RabbitMQ of this test run, in a state folder and on ports of its own, started once for the
/// collection and stopped (and deleted) at its end.
/// </summary>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    public InfrastructureFixture()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"mlops-msg-{Guid.NewGuid():N}"[..22]);
        Directory.CreateDirectory(directory);
        var repositoryRoot = LocalInfrastructureOptions.FindRepositoryRoot(AppContext.BaseDirectory);
        Servers = new LocalServers(new LocalInfrastructureOptions
        {
            StateDirectory = directory,
            RepositoryRoot = repositoryRoot,
            PostgresPort = FreePorts.Next(),
            RabbitMqPort = FreePorts.Next(),
            RabbitMqEpmdPort = FreePorts.Next(),
            RabbitMqDistributionPort = FreePorts.Next(),
            AzuriteBlobPort = FreePorts.Next(),
            StartTimeout = TimeSpan.FromSeconds(60),
        });
    }

    public LocalServers Servers { get; }

    public async Task<string> CreateDatabaseAsync(string label)
    {
        var name = $"{label}_{Guid.NewGuid():N}"[..30];
        await Servers.Postgres.EnsureDatabaseAsync(name);
        return Servers.Postgres.ConnectionString(name);
    }

    public Task InitializeAsync() => Servers.StartAsync([Servers.Postgres, Servers.RabbitMq]);

    public async Task DisposeAsync()
    {
        try
        {
            await Servers.StopAsync([Servers.Postgres, Servers.RabbitMq]);
        }
        finally
        {
            try
            {
                Directory.Delete(Servers.Options.StateDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
