using System.Collections.Concurrent;

namespace Mlops.Grpc.Tests.Infrastructure;

/// <summary>What the probe service saw, per test key, for tests to assert on.</summary>
public sealed class ProbeState
{
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _endings = new();

    public int NextAttempt(string key) => _attempts.AddOrUpdate(key, 1, (_, n) => n + 1);

    public int Attempts(string key) => _attempts.GetValueOrDefault(key);

    /// <summary>Records how a handler ended ("canceled", "completed", ...).</summary>
    public void Ended(string key, string how) => Ending(key).TrySetResult(how);

    public Task<string> EndingOf(string key) => Ending(key).Task;

    private TaskCompletionSource<string> Ending(string key) =>
        _endings.GetOrAdd(key, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
}
