using Mlops.Hosting.ApplicationModel;
using Mlops.LocalInfrastructure;

namespace Mlops.Hosting.Orchestration;

/// <summary>
/// PostgreSQL, RabbitMQ or Azurite through <see cref="ILocalResource"/>. One that was already running (eng/infra.sh,
/// another AppHost on the same state folder) is used and left running at the end; one this runner started is stopped.
/// </summary>
internal sealed class LocalServerRunner(LocalServerResource resource, ResourceNotificationService notifications, ResourceLogs logs)
    : ResourceRunner(resource, notifications)
{
    private bool _startedHere;
    private LogFileTailer? _tailer;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var server = resource.Server;
        Publish(snapshot => snapshot with { State = ResourceRunState.Starting, Detail = null });
        ResourceStatus before;
        try
        {
            before = await server.GetStatusAsync(cancellationToken).ConfigureAwait(false);
            _tailer ??= LogFileTailer.Start(server.LogFile, line => logs.Write(resource.Name, line));
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (LocalResourceException e)
        {
            Publish(snapshot => snapshot with { State = ResourceRunState.FailedToStart, Health = HealthStatus.Unhealthy, Detail = e.Message.Split('\n')[0] });
            throw;
        }

        _startedHere = before.State != Mlops.LocalInfrastructure.ResourceState.Running;
        var after = await server.GetStatusAsync(cancellationToken).ConfigureAwait(false);
        Publish(snapshot => snapshot with
        {
            State = ResourceRunState.Running,
            Health = HealthStatus.Healthy,
            ProcessId = after.ProcessId,
            Detail = _startedHere ? null : "was already running; left running at the end",
        });
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_startedHere)
            {
                Publish(snapshot => snapshot with { State = ResourceRunState.Stopping, Health = HealthStatus.Unknown });
                await resource.Server.StopAsync(cancellationToken).ConfigureAwait(false);
                Publish(snapshot => snapshot with { State = ResourceRunState.Stopped, Health = HealthStatus.Unknown, ProcessId = null });
            }
            else if (Notifications.Get(resource.Name).State == ResourceRunState.Running)
            {
                Publish(snapshot => snapshot with { State = ResourceRunState.LeftRunning });
            }
        }
        finally
        {
            if (_tailer is not null)
            {
                await _tailer.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
