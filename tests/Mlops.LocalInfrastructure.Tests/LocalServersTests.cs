using Mlops.LocalInfrastructure.Tests.Infrastructure;

namespace Mlops.LocalInfrastructure.Tests;

public sealed class LocalServersTests
{
    [Fact]
    public async Task Nothing_runs_in_a_fresh_state_folder()
    {
        await using var state = TestState.Create("fresh");

        var statuses = await new LocalServers(state.Options).GetStatusAsync();

        Assert.Equal(["postgres", "rabbitmq", "azurite"], statuses.Select(status => status.Name));
        Assert.All(statuses, status => Assert.Equal(ResourceState.Stopped, status.State));
    }

    [Fact]
    public async Task When_one_fails_to_start_the_others_this_call_started_are_stopped_again()
    {
        await using var state = TestState.Create("partial");
        state.Options = state.Options with { InstallMissingPrerequisites = false, RabbitMqServerPath = "/nonexistent/rabbitmq-server" };
        var servers = new LocalServers(state.Options);

        var error = await Assert.ThrowsAsync<LocalResourceException>(() => servers.StartAsync([servers.Postgres, servers.RabbitMq, servers.Azurite]));

        Assert.Equal("rabbitmq", error.Resource);
        Assert.All(await servers.GetStatusAsync(), status => Assert.Equal(ResourceState.Stopped, status.State));
        Assert.Empty(TestState.ProcessesOf(state.Directory));
    }

    [Fact]
    public void Resources_are_found_by_name()
    {
        var servers = new LocalServers(new LocalInfrastructureOptions { StateDirectory = "/tmp/unused" });

        Assert.Same(servers.RabbitMq, servers.Get("RabbitMQ"));
        Assert.Throws<ArgumentException>(() => servers.Get("redis"));
    }
}
