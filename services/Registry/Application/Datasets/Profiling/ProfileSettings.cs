namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>The limits that shaped a profile's figures, recorded with it.</summary>
public sealed record ProfileSettings(int HistogramBinCount, int TopCategoryCount, int DistinctCap, int DistinctCharBudget);
