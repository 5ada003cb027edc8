using System.Net;
using System.Net.Sockets;
using Mlops.LocalInfrastructure.Tests.Infrastructure;

namespace Mlops.LocalInfrastructure.Tests;

public sealed class PortConflictTests
{
    [Theory]
    [InlineData("postgres", "loopback")]
    [InlineData("postgres", "any")]
    [InlineData("rabbitmq", "amqp")]
    [InlineData("rabbitmq", "epmd")]
    [InlineData("rabbitmq", "distribution")]
    [InlineData("azurite", "loopback")]
    public async Task A_port_held_by_another_listener_fails_the_start_naming_the_port_and_its_holder(string resource, string which)
    {
        await using var state = TestState.Create("port");
        using var listener = new TcpListener(which == "any" ? IPAddress.Any : IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        state.Options = (resource, which) switch
        {
            ("postgres", _) => state.Options with { PostgresPort = port },
            ("rabbitmq", "amqp") => state.Options with { RabbitMqPort = port },
            ("rabbitmq", "epmd") => state.Options with { RabbitMqEpmdPort = port },
            ("rabbitmq", _) => state.Options with { RabbitMqDistributionPort = port },
            _ => state.Options with { AzuriteBlobPort = port },
        };
        var target = new LocalServers(state.Options).Get(resource);

        var error = await Assert.ThrowsAsync<LocalResourceException>(() => target.StartAsync());

        Assert.Equal(resource, error.Resource);
        Assert.StartsWith($"port {port} is in use by another process (pid {Environment.ProcessId}:", error.Reason, StringComparison.Ordinal);
        Assert.StartsWith($"{resource}: port {port} is in use", error.Message, StringComparison.Ordinal);
        Assert.Equal(ResourceState.Stopped, (await target.GetStatusAsync()).State);
        Assert.Empty(TestState.ProcessesOf(state.Directory));
    }
}
