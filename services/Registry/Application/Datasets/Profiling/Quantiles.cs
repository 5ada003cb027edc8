namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>Exact quantiles of the finite values, by linear interpolation between order statistics (Hyndman-Fan type 7).</summary>
public sealed record Quantiles(double P01, double P05, double P25, double P50, double P75, double P95, double P99);
