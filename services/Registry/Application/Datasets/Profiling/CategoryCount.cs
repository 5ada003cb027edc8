namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>A value of a column and how many rows hold it.</summary>
public sealed record CategoryCount(string Value, long Count);
