using System.Globalization;

namespace Mlops.Bench;

/// <summary>Calls per second and nearest-rank percentiles of one measured window.</summary>
public sealed record LatencySummary(long Calls, long Errors, TimeSpan Window, double P50Ms, double P90Ms, double P95Ms, double P99Ms, double P999Ms, double MaxMs)
{
    public double CallsPerSecond => Calls / Window.TotalSeconds;

    public static LatencySummary From(List<double> latenciesMs, long errors, TimeSpan window)
    {
        latenciesMs.Sort();
        return new LatencySummary(
            latenciesMs.Count,
            errors,
            window,
            Percentile(latenciesMs, 0.50),
            Percentile(latenciesMs, 0.90),
            Percentile(latenciesMs, 0.95),
            Percentile(latenciesMs, 0.99),
            Percentile(latenciesMs, 0.999),
            latenciesMs.Count == 0 ? double.NaN : latenciesMs[^1]);
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{CallsPerSecond,9:F0} calls/s  p50 {P50Ms:F2} ms  p90 {P90Ms:F2} ms  p95 {P95Ms:F2} ms  p99 {P99Ms:F2} ms  p99.9 {P999Ms:F2} ms  max {MaxMs:F2} ms  ({Calls} calls, {Errors} errors)");

    private static double Percentile(List<double> sorted, double quantile) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1)];
}
