namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>How many non-null values of a column are of each kind; they add up to the column's count.</summary>
public sealed record ValueTypeCounts(long Boolean, long Integer, long Float, long String, long Timestamp, long Object, long Array);
