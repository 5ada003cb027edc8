namespace Mlops.Registry.Application;

/// <summary>
/// The registry's clock, cut to whole microseconds: PostgreSQL keeps no finer, so the time a create returns is the
/// time every later read returns.
/// </summary>
public static class Timestamps
{
    public static DateTimeOffset Now(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var now = timeProvider.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
