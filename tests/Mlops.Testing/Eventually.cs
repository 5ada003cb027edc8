namespace Mlops.Testing;

/// <summary>Waits for something another process does in its own time, failing only after a generous bound.</summary>
public static class Eventually
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    public static async Task<T> ResultAsync<T>(Func<T?> probe, string what)
        where T : class
    {
        T? result = null;
        await UntilAsync(() => Task.FromResult((result = probe()) is not null), what);
        return result!;
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        using var cts = new CancellationTokenSource(Bound);
        while (!await condition())
        {
            try
            {
                await Task.Delay(50, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Not within {Bound.TotalSeconds:0} s: {what}");
            }
        }
    }
}
