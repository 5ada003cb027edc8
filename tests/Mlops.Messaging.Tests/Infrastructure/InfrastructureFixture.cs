using Mlops.LocalInfrastructure;
using Mlops.Testing;

namespace Mlops.Messaging.Tests.Infrastructure;

/// <summary>PostgreSQL and RabbitMQ of this test run, started once for the collection and stopped at its end.</summary>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    private readonly TestInfrastructure _infrastructure = new("mlops-msg");

    public LocalServers Servers => _infrastructure.Servers;

    public Task<string> CreateDatabaseAsync(string label) => _infrastructure.CreateDatabaseAsync(label);

    public Task InitializeAsync() => _infrastructure.StartAsync(servers => [servers.Postgres, servers.RabbitMq]);

    public Task DisposeAsync() => _infrastructure.DisposeAsync().AsTask();
}
