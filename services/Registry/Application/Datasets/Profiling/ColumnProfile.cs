namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>
/// One column. <see cref="Count"/> + <see cref="NullCount"/> is the dataset's row count; <see cref="MissingCount"/>
/// (JSON Lines rows without the key) is part of <see cref="NullCount"/>. <see cref="Numeric"/> is set for integer and
/// float columns, <see cref="Categorical"/> for every other type except null.
/// </summary>
public sealed record ColumnProfile(
    string Name,
    ColumnType Type,
    long Count,
    long NullCount,
    long MissingCount,
    double NullRate,
    ValueTypeCounts TypeCounts,
    NumericSummary? Numeric,
    CategoricalSummary? Categorical);
