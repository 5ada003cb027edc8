using Mlops.Hosting.ApplicationModel;

namespace Mlops.Hosting.Orchestration;

/// <summary>Starts and stops one resource and reports what it does through <see cref="ResourceNotificationService"/>.</summary>
internal abstract class ResourceRunner(IResource resource, ResourceNotificationService notifications)
{
    public IResource Resource { get; } = resource;

    protected ResourceNotificationService Notifications { get; } = notifications;

    /// <summary>Returns once the resource runs (infrastructure: once it accepts connections).</summary>
    public abstract Task StartAsync(CancellationToken cancellationToken);

    public abstract Task StopAsync(CancellationToken cancellationToken);

    protected void Publish(Func<ResourceSnapshot, ResourceSnapshot> update) => Notifications.Publish(Resource.Name, update);
}
