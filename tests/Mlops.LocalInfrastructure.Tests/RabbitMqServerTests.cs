using System.Globalization;
using System.Net;
using System.Text;
using Mlops.LocalInfrastructure.Processes;
using Mlops.LocalInfrastructure.Tests.Infrastructure;
using RabbitMQ.Client;

namespace Mlops.LocalInfrastructure.Tests;

public sealed class RabbitMqServerTests
{
    [Fact]
    public async Task Starts_carries_messages_is_found_again_survives_a_crash_and_stops()
    {
        await using var state = TestState.Create("rmq");
        var rabbit = new RabbitMqServer(state.Options);
        var epmdPidFile = Path.Combine(rabbit.ResourceDirectory, "epmd.pid");

        await rabbit.StartAsync();
        var status = await rabbit.GetStatusAsync();
        Assert.Equal(ResourceState.Running, status.State);
        var pid = Assert.IsType<int>(status.ProcessId);
        Assert.Equal(rabbit.AmqpUri.ToString(), Assert.Single(status.Endpoints));
        Assert.Equal([IPAddress.Loopback], Listeners.On(state.Options.RabbitMqPort));
        Assert.Equal([IPAddress.Loopback], Listeners.On(state.Options.RabbitMqDistributionPort));
        Assert.All(Listeners.On(state.Options.RabbitMqEpmdPort), address => Assert.True(IPAddress.IsLoopback(address)));
        await RoundTripAsync(rabbit.AmqpUri);

        await rabbit.StartAsync();
        Assert.Equal(pid, (await rabbit.GetStatusAsync()).ProcessId);

        // A crashed node leaves its pid file and its epmd behind; the next start takes the epmd over.
        var epmd = int.Parse(await File.ReadAllTextAsync(epmdPidFile), CultureInfo.InvariantCulture);
        await ProcessTable.KillAsync(pid);
        var afterCrash = await rabbit.GetStatusAsync();
        Assert.Equal(ResourceState.Stopped, afterCrash.State);
        Assert.Contains("stale", afterCrash.Detail, StringComparison.Ordinal);

        await rabbit.StartAsync();
        var restarted = Assert.IsType<int>((await rabbit.GetStatusAsync()).ProcessId);
        Assert.NotEqual(pid, restarted);
        Assert.True(ProcessTable.IsAlive(epmd));
        await RoundTripAsync(rabbit.AmqpUri);

        await rabbit.StopAsync();
        Assert.False(ProcessTable.IsAlive(restarted));
        Assert.False(ProcessTable.IsAlive(epmd));
        Assert.False(File.Exists(epmdPidFile));
        Assert.Equal(ResourceState.Stopped, (await rabbit.GetStatusAsync()).State);
        Assert.Empty(TestState.ProcessesOf(state.Directory));
        await rabbit.StopAsync();
    }

    [Fact]
    public async Task A_node_that_cannot_boot_fails_with_its_log_and_takes_its_epmd_down_with_it()
    {
        await using var state = TestState.Create("rmqfail");
        var rabbit = new RabbitMqServer(state.Options);

        // A file where the node's database folder belongs: the broker gets as far as booting, then gives up.
        Directory.CreateDirectory(Path.Combine(rabbit.ResourceDirectory, "mnesia"));
        await File.WriteAllTextAsync(Path.Combine(rabbit.ResourceDirectory, "mnesia", rabbit.NodeName), "not a folder");

        var error = await Assert.ThrowsAsync<LocalResourceException>(() => rabbit.StartAsync());

        Assert.Equal("rabbitmq", error.Resource);
        Assert.Equal("exited while starting", error.Reason);
        Assert.Contains("cannot_create_mnesia_dir", error.LogTail, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(rabbit.ResourceDirectory, "epmd.pid")));
        Assert.Empty(Listeners.On(state.Options.RabbitMqEpmdPort));
        Assert.Empty(TestState.ProcessesOf(state.Directory));
    }

    private static async Task RoundTripAsync(Uri amqpUri)
    {
        var factory = new ConnectionFactory { Uri = amqpUri };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = await channel.QueueDeclareAsync(queue: "", durable: false, exclusive: true, autoDelete: true);
        await channel.BasicPublishAsync(exchange: "", routingKey: queue.QueueName, body: Encoding.UTF8.GetBytes("hello"));

        BasicGetResult? received = null;
        for (var attempt = 0; attempt < 50 && received is null; attempt++)
        {
            received = await channel.BasicGetAsync(queue.QueueName, autoAck: true);
            if (received is null)
            {
                await Task.Delay(20);
            }
        }

        Assert.Equal("hello", Encoding.UTF8.GetString(Assert.IsType<BasicGetResult>(received).Body.Span));
    }
}
