namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>
/// Bin i holds the values v with Edges[i] &lt;= v &lt; Edges[i + 1]; the last bin also holds Edges[^1], the maximum.
/// Edges has one more element than Counts, and the counts add up to the finite values.
/// </summary>
public sealed record Histogram(IReadOnlyList<double> Edges, IReadOnlyList<long> Counts);
