namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>
/// The bounds that keep profiling in bounded memory. The first five shape the profile and are recorded in it;
/// the quantile settings only trade passes over the file for memory, never the result.
/// </summary>
public sealed record DatasetProfileLimits
{
    public static DatasetProfileLimits Default { get; } = new();

    public int MaxColumns { get; init; } = 1_000;

    /// <summary>The longest CSV record or JSON Lines line, in bytes; more is an error (often an unclosed quote).</summary>
    public int MaxRecordBytes { get; init; } = 16 * 1024 * 1024;

    public int HistogramBinCount { get; init; } = 20;

    public int TopCategoryCount { get; init; } = 20;

    /// <summary>Distinct values counted exactly per column; beyond it the count is a lower bound.</summary>
    public int DistinctCap { get; init; } = 100_000;

    /// <summary>UTF-16 characters of distinct values kept per column; reaching it counts as reaching the cap.</summary>
    public int DistinctCharBudget { get; init; } = 4 * 1024 * 1024;

    /// <summary>Values one numeric column may hold at once to select its quantiles.</summary>
    public int QuantileBufferValues { get; init; } = 262_144;

    /// <summary>Buckets of each histogram that narrows the search for a quantile.</summary>
    public int QuantileBucketCount { get; init; } = 4_096;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxColumns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRecordBytes, 1_024);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxRecordBytes, 1 << 30);
        ArgumentOutOfRangeException.ThrowIfLessThan(HistogramBinCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(HistogramBinCount, 10_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(TopCategoryCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(DistinctCap, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(DistinctCharBudget, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(QuantileBufferValues, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(QuantileBucketCount, 2);
    }
}
