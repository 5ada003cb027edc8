namespace Mlops.Messaging;

public sealed class OutboxRelayOptions
{
    /// <summary>How often the relay looks for new rows when nobody nudges it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 100;

    /// <summary>How long one publish may wait for the broker's confirm before it counts as failed.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The first retry delay; it doubles with every failed attempt up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The PostgreSQL advisory lock that lets one relay of a database publish at a time, so order holds with several replicas.</summary>
    public long AdvisoryLockKey { get; set; } = 0x4d4c4f50_4f555442; // "MLOPOUTB"

    public TimeSpan Backoff(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var delay = InitialBackoff * Math.Pow(2, exponent);
        return delay < MaxBackoff ? delay : MaxBackoff;
    }
}
