namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>
/// The non-null values of a non-numeric column as text. When <see cref="DistinctCountExact"/> is false the column
/// has at least <see cref="DistinctCount"/> distinct values. The counts in <see cref="TopCategories"/> are always
/// exact; <see cref="TopCategoriesExact"/> says whether the list is provably the true top of the column.
/// Lengths are in Unicode code points.
/// </summary>
public sealed record CategoricalSummary(
    long DistinctCount,
    bool DistinctCountExact,
    IReadOnlyList<CategoryCount> TopCategories,
    bool TopCategoriesExact,
    long MinLength,
    long MaxLength,
    double MeanLength);
