using Mlops.Hosting.ApplicationModel;

namespace Mlops.Hosting.Orchestration;

/// <summary>
/// A resource that is a part of its parent rather than a process (a database, a blob service): it runs once its
/// parent is healthy and <paramref name="prepare"/> (creating the database, say) has succeeded.
/// </summary>
internal sealed class DependentResourceRunner(IResource resource, ResourceNotificationService notifications, Func<CancellationToken, Task> prepare)
    : ResourceRunner(resource, notifications)
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        Publish(snapshot => snapshot with { State = ResourceRunState.Starting, Detail = null });
        try
        {
            await prepare(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Publish(snapshot => snapshot with { State = ResourceRunState.FailedToStart, Health = HealthStatus.Unhealthy, Detail = e.Message });
            throw;
        }

        Publish(snapshot => snapshot with { State = ResourceRunState.Running, Health = HealthStatus.Healthy });
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        if (Notifications.Get(Resource.Name).State is ResourceRunState.Running or ResourceRunState.Starting)
        {
            Publish(snapshot => snapshot with { State = ResourceRunState.Stopped, Health = HealthStatus.Unknown });
        }

        return Task.CompletedTask;
    }
}
