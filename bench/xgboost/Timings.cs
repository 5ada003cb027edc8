using System.Diagnostics;
using Mlops.Inference.Runtimes;

namespace Mlops.Bench.XGBoost;

/// <summary>Our side of the comparison, timed the way xgboost_timing.py times XGBoost's.</summary>
internal static class Timings
{
    public static SingleRowFigures SingleRow(ILoadedModel model, float[] rows, TimeSpan warmUp, TimeSpan window)
    {
        var features = model.FeatureCount;
        var rowCount = rows.Length / features;
        var output = new float[model.Output.ValuesPerRow];
        var row = 0;
        var warmUntil = Stopwatch.GetTimestamp() + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < warmUntil)
        {
            model.Predict(rows.AsSpan((row++ % rowCount) * features, features), 1, output);
        }

        var latencies = new List<long>(capacity: 4_000_000);
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(window.TotalSeconds * Stopwatch.Frequency);
        long now;
        do
        {
            var input = rows.AsSpan((row++ % rowCount) * features, features);
            var before = Stopwatch.GetTimestamp();
            model.Predict(input, 1, output);
            now = Stopwatch.GetTimestamp();
            latencies.Add(now - before);
        }
        while (now < end);

        latencies.Sort();
        var seconds = (double)(now - started) / Stopwatch.Frequency;
        return new SingleRowFigures(Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies.Count / seconds, latencies.Count);
    }

    /// <param name="threads">1: the calling thread predicts the whole batch; more: the batch is cut into that many slices predicted in parallel.</param>
    public static BatchFigures Batch(ILoadedModel model, float[] batch, int threads, TimeSpan warmUp, TimeSpan window)
    {
        var rowCount = batch.Length / model.FeatureCount;
        var output = new float[rowCount * model.Output.ValuesPerRow];
        var warmUntil = Stopwatch.GetTimestamp() + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < warmUntil)
        {
            Predict(model, batch, rowCount, output, threads);
        }

        var batches = 0L;
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(window.TotalSeconds * Stopwatch.Frequency);
        long now;
        do
        {
            Predict(model, batch, rowCount, output, threads);
            batches++;
            now = Stopwatch.GetTimestamp();
        }
        while (now < end);

        var seconds = (double)(now - started) / Stopwatch.Frequency;
        return new BatchFigures(batches * rowCount / seconds, seconds * 1000 / batches, batches);
    }

    private static void Predict(ILoadedModel model, float[] batch, int rowCount, float[] output, int threads)
    {
        if (threads == 1)
        {
            model.Predict(batch, rowCount, output);
            return;
        }

        var slice = (rowCount + threads - 1) / threads;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, part =>
        {
            var first = part * slice;
            var count = Math.Min(slice, rowCount - first);
            var values = model.Output.ValuesPerRow;
            model.Predict(batch.AsSpan(first * model.FeatureCount, count * model.FeatureCount), count, output.AsSpan(first * values, count * values));
        });
    }

    private static double Percentile(List<long> sortedTicks, double quantile) =>
        sortedTicks[Math.Clamp((int)Math.Ceiling(quantile * sortedTicks.Count) - 1, 0, sortedTicks.Count - 1)] * 1000.0 / Stopwatch.Frequency;
}
