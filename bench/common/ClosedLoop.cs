using System.Diagnostics;

namespace Mlops.Bench;

/// <summary>
/// Callers in closed loops (the next call as soon as the last returns): a warm-up that is not measured, then a window
/// in which every call that starts and ends is timed.
/// </summary>
public static class ClosedLoop
{
    public static async Task<LatencySummary> RunAsync(int callers, TimeSpan warmUp, TimeSpan window, Func<int, long, Task> call)
    {
        var stopwatch = Stopwatch.StartNew();
        var measureFrom = warmUp;
        var measureUntil = warmUp + window;
        var perCaller = new List<double>[callers];
        var errors = new long[callers];
        var loops = Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var latencies = perCaller[caller] = new List<double>(1 << 16);
            for (long iteration = 0; ; iteration++)
            {
                var start = stopwatch.Elapsed;
                if (start >= measureUntil)
                {
                    return;
                }

                var failed = false;
                try
                {
                    await call(caller, iteration);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    failed = true;
                    if (errors[caller]++ == 0)
                    {
                        await Console.Error.WriteLineAsync($"caller {caller}: {e.Message}");
                    }
                }

                var end = stopwatch.Elapsed;
                if (!failed && start >= measureFrom && end <= measureUntil)
                {
                    latencies.Add((end - start).TotalMilliseconds);
                }
            }
        })).ToList();
        await Task.WhenAll(loops);
        return LatencySummary.From(perCaller.SelectMany(latencies => latencies).ToList(), errors.Sum(), window);
    }

    /// <summary>Callers in closed loops sharing out the calls 0 .. count - 1, each made once; every call is timed.</summary>
    public static async Task<LatencySummary> RunEachOnceAsync(int callers, int count, Func<int, Task> call)
    {
        var stopwatch = Stopwatch.StartNew();
        var next = -1;
        var perCaller = new List<double>[callers];
        var errors = new long[callers];
        var loops = Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var latencies = perCaller[caller] = new List<double>(count / callers + 1);
            for (var index = Interlocked.Increment(ref next); index < count; index = Interlocked.Increment(ref next))
            {
                var start = stopwatch.Elapsed;
                try
                {
                    await call(index);
                    latencies.Add((stopwatch.Elapsed - start).TotalMilliseconds);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    if (errors[caller]++ == 0)
                    {
                        await Console.Error.WriteLineAsync($"caller {caller}: {e.Message}");
                    }
                }
            }
        })).ToList();
        await Task.WhenAll(loops);
        return LatencySummary.From(perCaller.SelectMany(latencies => latencies).ToList(), errors.Sum(), stopwatch.Elapsed);
    }
}
