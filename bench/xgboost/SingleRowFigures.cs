namespace Mlops.Bench.XGBoost;

/// <summary>One call per row, one call at a time: nearest-rank latency percentiles and calls per second.</summary>
internal sealed record SingleRowFigures(double P50Ms, double P99Ms, double CallsPerSecond, long Calls);
