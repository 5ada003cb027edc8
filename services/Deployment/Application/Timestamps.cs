namespace Mlops.Deployment.Application;

/// <summary>The service's clock, cut to whole microseconds: PostgreSQL keeps no finer, so a create returns what later reads return.</summary>
public static class Timestamps
{
    public static DateTimeOffset Now(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var now = timeProvider.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
