namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>
/// The finite values of an integer or float column. NaN and infinities are counted apart and take no part in any
/// other figure; with no finite value, every figure but the counts is null. <see cref="SampleStdDev"/> needs two values.
/// </summary>
public sealed record NumericSummary(
    long Count,
    long NanCount,
    long PositiveInfinityCount,
    long NegativeInfinityCount,
    double? Min,
    double? Max,
    double? Mean,
    double? PopulationStdDev,
    double? SampleStdDev,
    Quantiles? Quantiles,
    Histogram? Histogram);
