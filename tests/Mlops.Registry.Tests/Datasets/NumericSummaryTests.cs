using System.Globalization;
using System.Text;
using Mlops.Registry.Application.Datasets.Profiling;

namespace Mlops.Registry.Tests.Datasets;

public sealed class NumericSummaryTests
{
    /// <summary>Small enough that the search for the quantiles takes many passes even over a few thousand values.</summary>
    private static readonly DatasetProfileLimits Tiny = DatasetProfileLimits.Default with { QuantileBufferValues = 7, QuantileBucketCount = 4 };

    private static readonly DatasetProfileLimits Small = DatasetProfileLimits.Default with { QuantileBufferValues = 100, QuantileBucketCount = 16 };

    public static TheoryData<string> Distributions => [.. Samples.Keys];

    private static Dictionary<string, double[]> Samples { get; } = new()
    {
        ["integers with duplicates"] = Draw(5_000, 1, r => r.Next(-50, 51)),
        ["normal"] = Draw(5_000, 2, r => Normal(r) * 12.5 + 100),
        ["all equal"] = Draw(1_000, 3, _ => 3.25),
        ["two values"] = Draw(1_001, 4, r => r.Next(2) == 0 ? 0 : 1e6),
        ["heavy tails (Cauchy)"] = Draw(5_000, 5, r => Math.Tan(Math.PI * (r.NextDouble() - 0.5)) * 1e3),
        ["negative, log-normal"] = Draw(3_000, 6, r => -Math.Exp(Normal(r) * 5)),
        ["across 400 orders of magnitude"] = Draw(3_000, 7, r => (r.Next(2) == 0 ? -1 : 1) * Math.Pow(10, (r.NextDouble() * 400) - 200)),
        ["extremes"] = Draw(2_000, 8, r => new[] { 1e300, -1e300, 1e-300, -1e-300, 0.0, double.Epsilon, -double.Epsilon, double.MaxValue, 1.5 }[r.Next(9)]),
        ["a cluster and a far outlier"] = [.. Draw(4_000, 9, r => r.NextDouble() * 1e-9), 1e15],
        ["one value"] = [42.5],
        ["two distinct values once each"] = [-1, 1],
        ["signed zeros"] = Draw(101, 10, r => r.Next(3) switch { 0 => -0.0, 1 => 0.0, _ => -1.0 }),
    };

    [Fact]
    public async Task Figures_of_one_to_ten_are_the_hand_computed_ones()
    {
        var profile = await Profiles.CsvAsync("v\n" + string.Join("\n", Enumerable.Range(1, 10).Reverse()) + "\n");

        var numeric = profile.Column("v").Numeric!;
        Assert.Equal(ColumnType.Integer, profile.Column("v").Type);
        Assert.Equal((10L, 1.0, 10.0, 5.5), (numeric.Count, numeric.Min, numeric.Max, numeric.Mean));
        Assert.Equal(2.8722813232690143, numeric.PopulationStdDev!.Value, 15);
        Assert.Equal(3.0276503540974917, numeric.SampleStdDev!.Value, 15);

        // The same as numpy.percentile's default and Python's statistics.quantiles(method="inclusive").
        var q = numeric.Quantiles!;
        double[] expected = [1.09, 1.45, 3.25, 5.5, 7.75, 9.55, 9.91];
        Assert.All(expected.Zip([q.P01, q.P05, q.P25, q.P50, q.P75, q.P95, q.P99]), p => Assert.Equal(p.First, p.Second, 12));

        // 20 bins of width 0.45 from 1; the maximum, 10, is in the last bin.
        var histogram = numeric.Histogram!;
        Assert.Equal(21, histogram.Edges.Count);
        Assert.All(histogram.Edges.Select((edge, i) => (edge, i)), e => Assert.Equal(1 + (0.45 * e.i), e.edge, 12));
        Assert.Equal([1L, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1], histogram.Counts);
    }

    [Fact]
    public async Task One_repeated_value_has_one_bin_no_spread_and_no_sample_deviation_alone()
    {
        var many = (await Profiles.CsvAsync("v\n0.1\n0.1\n0.1\n")).Column("v").Numeric!;
        var single = (await Profiles.CsvAsync("v\n7\n")).Column("v").Numeric!;

        Assert.Equal((0.1, 0.0, 0.0), (many.Mean, many.PopulationStdDev, many.SampleStdDev));
        Assert.Equal([0.1, 0.1], many.Histogram!.Edges);
        Assert.Equal([3L], many.Histogram.Counts);
        Assert.Equal(0.1, many.Quantiles!.P99);
        Assert.Equal((0.0, (double?)null), (single.PopulationStdDev!.Value, single.SampleStdDev));
    }

    [Theory]
    [MemberData(nameof(Distributions))]
    public async Task Quantiles_are_exactly_those_of_all_values_sorted(string distribution)
    {
        var values = Samples[distribution];
        var expected = Oracle.Quantiles(values);

        foreach (var limits in new[] { DatasetProfileLimits.Default, Small, Tiny })
        {
            var numeric = (await ProfileAsync(values, limits)).Column("v").Numeric!;

            var q = numeric.Quantiles!;
            Assert.Equal(expected, new[] { q.P01, q.P05, q.P25, q.P50, q.P75, q.P95, q.P99 });
            Assert.Equal((values.Min() + 0.0, values.Max() + 0.0), (numeric.Min, numeric.Max));
        }
    }

    [Theory]
    [MemberData(nameof(Distributions))]
    public async Task Mean_and_standard_deviations_match_exact_arithmetic(string distribution)
    {
        var values = Samples[distribution];

        var numeric = (await ProfileAsync(values, DatasetProfileLimits.Default)).Column("v").Numeric!;

        AssertClose(Oracle.Mean(values), numeric.Mean!.Value);
        AssertClose(Oracle.StdDev(values, ddof: 0), numeric.PopulationStdDev!.Value);
        if (values.Length > 1)
        {
            AssertClose(Oracle.StdDev(values, ddof: 1), numeric.SampleStdDev!.Value);
        }
    }

    [Theory]
    [MemberData(nameof(Distributions))]
    public async Task Histogram_counts_are_those_its_edges_define_and_add_up_to_the_count(string distribution)
    {
        var values = Samples[distribution];

        var numeric = (await ProfileAsync(values, DatasetProfileLimits.Default)).Column("v").Numeric!;

        var (edges, counts) = (numeric.Histogram!.Edges, numeric.Histogram.Counts);
        Assert.Equal(edges.Count - 1, counts.Count);
        Assert.Equal(numeric.Count, counts.Sum());
        Assert.Equal((numeric.Min, numeric.Max), (edges[0], edges[^1]));
        Assert.True(edges.Zip(edges.Skip(1)).All(pair => pair.First <= pair.Second), "edges never decrease");
        var byDefinition = counts.Select((_, i) => (long)values.Count(v =>
            edges[i] <= v && (v < edges[i + 1] || (i == counts.Count - 1 && v == edges[^1])))).ToArray();
        Assert.Equal(byDefinition, counts);
    }

    [Fact]
    public async Task The_quantile_search_settings_change_the_passes_never_the_profile()
    {
        var data = Csv(Samples["heavy tails (Cauchy)"]);

        var (byDefault, defaultPasses) = await Profiles.CountingPassesAsync(data, Profiles.Csv);
        var (tiny, tinyPasses) = await Profiles.CountingPassesAsync(data, Profiles.Csv with { Limits = Tiny });

        Assert.Equal(2, defaultPasses);
        Assert.True(tinyPasses > 5, $"{tinyPasses} passes");
        Assert.Equal(DatasetProfileJson.Serialize(byDefault), DatasetProfileJson.Serialize(tiny));
    }

    [Fact]
    public async Task Integers_beyond_53_bits_are_their_nearest_doubles()
    {
        var numeric = (await Profiles.CsvAsync("v\n9007199254740993\n-9223372036854775808\n")).Column("v").Numeric!;

        Assert.Equal((-9223372036854775808.0, 9007199254740992.0), (numeric.Min, numeric.Max));
    }

    private static void AssertClose(double expected, double actual)
    {
        var tolerance = 1e-9 * Math.Abs(expected);
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"expected {expected:R}, got {actual:R}");
    }

    private static Task<DatasetProfile> ProfileAsync(double[] values, DatasetProfileLimits limits) =>
        Profiles.ProfileAsync(Csv(values), Profiles.Csv with { Limits = limits });

    private static byte[] Csv(IEnumerable<double> values) =>
        Encoding.UTF8.GetBytes("v\n" + string.Concat(values.Select(v => v.ToString("R", CultureInfo.InvariantCulture) + "\n")));

    private static double[] Draw(int count, int seed, Func<Random, double> next)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => next(random))];
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
