using Mlops.Hosting.Orchestration;

namespace Mlops.Hosting.Tests;

public sealed class ResourceNotificationServiceTests
{
    [Fact]
    public async Task Waiting_for_health_completes_on_the_change_that_makes_it_healthy()
    {
        var notifications = NewService();
        var wait = notifications.WaitForResourceHealthyAsync("registry");
        notifications.Publish("registry", snapshot => snapshot with { State = ResourceRunState.Running, Health = HealthStatus.Unknown });
        Assert.False(wait.IsCompleted);

        notifications.Publish("registry", snapshot => snapshot with { Health = HealthStatus.Healthy, ProcessId = 42 });

        Assert.Equal(42, (await wait).ProcessId);
    }

    [Fact]
    public async Task Waiting_for_health_fails_when_the_resource_can_no_longer_get_there()
    {
        var notifications = NewService();
        var wait = notifications.WaitForResourceHealthyAsync("registry");

        notifications.Publish("registry", snapshot => snapshot with { State = ResourceRunState.FailedToStart, Detail = "port 5101 is in use" });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => wait);
        Assert.Equal("Resource 'registry' is FailedToStart: port 5101 is in use", error.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => notifications.WaitForResourceHealthyAsync("registry"));
    }

    [Fact]
    public void The_table_shows_every_resource_with_state_health_pid_and_endpoints()
    {
        var notifications = NewService();
        notifications.Publish("registry", snapshot => snapshot with
        {
            State = ResourceRunState.Running,
            Health = HealthStatus.Healthy,
            ProcessId = 4242,
            Restarts = 1,
            Endpoints = ["grpc: http://127.0.0.1:5101/"],
        });

        var lines = ResourceTable.Render(notifications.Snapshots).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^RESOURCE\s+TYPE\s+STATE\s+HEALTH\s+PID\s+RESTARTS\s+ENDPOINTS$", lines[0]);
        Assert.Matches(@"^postgres\s+postgres\s+NotStarted\s+Unknown\s+-\s+0$", lines[1]);
        Assert.Matches(@"^registry\s+project\s+Running\s+Healthy\s+4242\s+1\s+grpc: http://127.0.0.1:5101/$", lines[2]);
    }

    private static ResourceNotificationService NewService()
    {
        var notifications = new ResourceNotificationService();
        notifications.Register(new ResourceSnapshot("postgres", "postgres", ResourceRunState.NotStarted, HealthStatus.Unknown, []));
        notifications.Register(new ResourceSnapshot("registry", "project", ResourceRunState.NotStarted, HealthStatus.Unknown, []));
        return notifications;
    }
}
