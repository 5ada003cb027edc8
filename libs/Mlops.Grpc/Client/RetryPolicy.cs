namespace Mlops.Grpc.Client;

/// <summary>
/// Retries of idempotent unary calls that fail with UNAVAILABLE: exponential backoff with
/// full jitter, never past the call's deadline.
/// </summary>
public sealed record RetryPolicy
{
    public static RetryPolicy Default { get; } = new();

    public static RetryPolicy None { get; } = new() { MaxAttempts = 1 };

    public int MaxAttempts { get; init; } = 5;

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    public double BackoffMultiplier { get; init; } = 2;

    public TimeSpan BackoffBefore(int retry)
    {
        var ceiling = Math.Min(MaxBackoff.TotalMilliseconds, InitialBackoff.TotalMilliseconds * Math.Pow(BackoffMultiplier, retry - 1));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }
}
