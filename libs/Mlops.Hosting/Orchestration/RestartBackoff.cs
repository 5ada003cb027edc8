namespace Mlops.Hosting.Orchestration;

/// <summary>
/// How long to wait before restarting a crashed service: doubling from <see cref="Initial"/> up to
/// <see cref="Maximum"/>, and back to the start once it had stayed up for <see cref="StableAfter"/>.
/// </summary>
public sealed record RestartBackoff
{
    public TimeSpan Initial { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan Maximum { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <param name="consecutiveCrashes">1 for the first crash after a stable run.</param>
    public TimeSpan DelayFor(int consecutiveCrashes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(consecutiveCrashes, 1);
        var factor = Math.Pow(2, Math.Min(consecutiveCrashes - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(Initial.Ticks * factor, Maximum.Ticks));
        return delay;
    }
}
