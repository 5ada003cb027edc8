using System.Text;
using Mlops.Registry.Application.Datasets.Profiling;

namespace Mlops.Registry.Tests.Datasets;

public sealed class CategoricalSummaryTests
{
    [Fact]
    public async Task Top_categories_are_by_count_then_by_code_point()
    {
        // U+FF21 sorts before U+1F600 by code point, after it by UTF-16 code unit.
        var profile = await Profiles.CsvAsync("v\nb\na\n\U0001F600\nc\na\nb\n\uFF21\né\nB\n");

        Assert.Equal(
            [new("a", 2), new("b", 2), new("B", 1), new("c", 1), new("é", 1), new("\uFF21", 1), new("\U0001F600", 1)],
            profile.Column("v").Categorical!.TopCategories);
    }

    [Fact]
    public async Task Only_the_top_count_is_listed_and_exact_when_every_value_was_counted()
    {
        var values = Enumerable.Range(0, 30).SelectMany(i => Enumerable.Repeat($"v{i:D2}", i + 1));
        var options = Profiles.Csv with { Limits = DatasetProfileLimits.Default with { TopCategoryCount = 3 } };

        var summary = (await Profiles.CsvAsync("v\n" + string.Join("\n", values) + "\n", options)).Column("v").Categorical!;

        Assert.Equal([new("v29", 30), new("v28", 29), new("v27", 28)], summary.TopCategories);
        Assert.Equal((30L, true, true), (summary.DistinctCount, summary.DistinctCountExact, summary.TopCategoriesExact));
    }

    [Fact]
    public async Task Past_the_distinct_cap_the_count_is_a_lower_bound_and_frequent_values_keep_exact_counts()
    {
        // 2,000 rows of "hot", 900 of "warm", each among 3,000 values seen once; the cap is 100.
        var random = new Random(11);
        var rows = Enumerable.Repeat("hot", 2_000).Concat(Enumerable.Repeat("warm", 900)).Concat(Enumerable.Range(0, 3_000).Select(i => $"once{i}"))
            .OrderBy(_ => random.Next()).ToList();
        var options = Profiles.Csv with { Limits = DatasetProfileLimits.Default with { DistinctCap = 100, TopCategoryCount = 2 } };

        var (profile, passes) = await Profiles.CountingPassesAsync(Encoding.UTF8.GetBytes("v\n" + string.Join("\n", rows)), options);

        var summary = profile.Column("v").Categorical!;
        Assert.Equal(3, passes);
        Assert.Equal((101L, false), (summary.DistinctCount, summary.DistinctCountExact));
        Assert.Equal([new("hot", 2_000), new("warm", 900)], summary.TopCategories);
        Assert.True(summary.TopCategoriesExact);
    }

    [Fact]
    public async Task Past_the_cap_a_top_that_cannot_be_proven_is_flagged()
    {
        var options = Profiles.Csv with { Limits = DatasetProfileLimits.Default with { DistinctCap = 50 } };

        var summary = (await Profiles.CsvAsync("v\n" + string.Join("\n", Enumerable.Range(0, 500).Select(i => $"id{i}")), options)).Column("v").Categorical!;

        Assert.Equal((51L, false, false), (summary.DistinctCount, summary.DistinctCountExact, summary.TopCategoriesExact));
        Assert.All(summary.TopCategories, c => Assert.Equal(1, c.Count));
    }

    [Fact]
    public async Task The_character_budget_counts_as_reaching_the_cap()
    {
        var options = Profiles.Csv with { Limits = DatasetProfileLimits.Default with { DistinctCharBudget = 10 } };

        var summary = (await Profiles.CsvAsync("v\naaaa\nbbbb\ncccc\naaaa\n", options)).Column("v").Categorical!;

        Assert.Equal((3L, false), (summary.DistinctCount, summary.DistinctCountExact));
        Assert.Equal(new CategoryCount("aaaa", 2), summary.TopCategories[0]);
    }

    [Fact]
    public async Task Lengths_are_in_code_points()
    {
        var summary = (await Profiles.CsvAsync("v\né\n\U0001F600\nabcd\n\"\"\n")).Column("v").Categorical!;

        Assert.Equal((1L, 4L, 2.0), (summary.MinLength, summary.MaxLength, summary.MeanLength));
    }

    [Fact]
    public async Task Booleans_are_counted_as_true_and_false_however_they_are_written()
    {
        var profile = await Profiles.CsvAsync("v\nTrue\nTRUE\ntrue\nfalse\n");

        var column = profile.Column("v");
        Assert.Equal(ColumnType.Boolean, column.Type);
        Assert.Equal([new("true", 3), new("false", 1)], column.Categorical!.TopCategories);
        Assert.Equal(2, column.Categorical.DistinctCount);
    }

    [Fact]
    public async Task Timestamps_are_categories_as_written()
    {
        var column = (await Profiles.CsvAsync("t\n2024-01-01\n2024-01-01T00:00Z\n2024-01-01\n")).Column("t");

        Assert.Equal(ColumnType.Timestamp, column.Type);
        Assert.Equal([new("2024-01-01", 2), new("2024-01-01T00:00Z", 1)], column.Categorical!.TopCategories);
        Assert.Null(column.Numeric);
    }
}
