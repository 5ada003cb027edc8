using System.Text;
using System.Text.Json;
using Mlops.Registry.Application.Datasets.Profiling;

namespace Mlops.Registry.Tests.Datasets;

public sealed class DatasetProfileJsonTests
{
    private const string ExampleCsv = "age,plan,score\n31,basic,0.5\n45,pro,\n,basic,1.25\n";

    [Fact]
    public async Task A_small_file_gives_exactly_the_documented_JSON()
    {
        var profile = await Profiles.CsvAsync(ExampleCsv, Profiles.Csv with { Limits = DatasetProfileLimits.Default with { HistogramBinCount = 2 } });

        Assert.Equal(Expected, DatasetProfileJson.Serialize(profile));
    }

    [Fact]
    public async Task Serializing_what_was_deserialized_gives_the_same_bytes()
    {
        var profile = await Profiles.JsonLinesAsync(
            "{\"a\":1.5,\"b\":\"x<y>&\\\"\",\"c\":[1],\"d\":null,\"e\":\"2024-01-01\",\"f\":true}\n{\"a\":-1e-300,\"b\":\"é\\u2028\"}\n{\"a\":1e300}\n");
        var json = DatasetProfileJson.SerializeToUtf8Bytes(profile);

        var back = DatasetProfileJson.Deserialize(json);

        Assert.Equal(json, DatasetProfileJson.SerializeToUtf8Bytes(back));
        Assert.Equal(Encoding.UTF8.GetString(json), DatasetProfileJson.Serialize(DatasetProfileJson.Deserialize(Encoding.UTF8.GetString(json))));
        Assert.Equal(profile.Column("a").Numeric!.Quantiles, back.Column("a").Numeric!.Quantiles);
        Assert.Equal(profile.Column("b").Categorical!.TopCategories, back.Column("b").Categorical!.TopCategories);
        Assert.Equal((DatasetFormat.JsonLines, 3L, 6), (back.Format, back.RowCount, back.ColumnCount));
        Assert.Null(back.Csv);
    }

    [Fact]
    public async Task The_same_file_always_gives_the_same_bytes()
    {
        var random = new Random(5);
        var text = "x,y,z\n" + string.Concat(Enumerable.Range(0, 5_000).Select(_ => $"{random.NextDouble() * 1e6 - 5e5},k{random.Next(300)},{random.Next(10)}\n"));
        var options = Profiles.Csv with { Limits = DatasetProfileLimits.Default with { DistinctCap = 100, QuantileBufferValues = 50 } };

        var first = DatasetProfileJson.SerializeToUtf8Bytes(await Profiles.CsvAsync(text, options));
        var second = DatasetProfileJson.SerializeToUtf8Bytes(await Profiles.ProfileAsync(Encoding.UTF8.GetBytes(text), options, readSize: 333));

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData("{\"profile_version\":2,\"columns\":[]}")]
    [InlineData("{\"profile_version\":0}")]
    public void Another_profile_version_is_not_supported(string json) =>
        Assert.Throws<NotSupportedException>(() => DatasetProfileJson.Deserialize(json));

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"profile_version\":\"1\"}")]
    [InlineData("{\"profile_version\":1}")]
    [InlineData("{\"profile_version\":1,\"format\":\"csv\",\"csv\":null,\"settings\":null,\"row_count\":0,\"column_count\":0,\"columns\":[]}")]
    public void JSON_that_is_not_a_profile_is_refused(string json) =>
        Assert.ThrowsAny<JsonException>(() => DatasetProfileJson.Deserialize(json));

    // The example in docs/dataset-profile.md, written on several lines here; the JSON itself has none.
    private static readonly string Expected = """
        {"profile_version":1,"format":"csv","csv":{"delimiter":",","header_row":true,"null_values":[]},
        "settings":{"histogram_bin_count":2,"top_category_count":20,"distinct_cap":100000,"distinct_char_budget":4194304},
        "row_count":3,"column_count":3,"columns":[
        {"name":"age","type":"integer","count":2,"null_count":1,"missing_count":0,"null_rate":0.3333333333333333,
        "type_counts":{"boolean":0,"integer":2,"float":0,"string":0,"timestamp":0,"object":0,"array":0},
        "numeric":{"count":2,"nan_count":0,"positive_infinity_count":0,"negative_infinity_count":0,"min":31,"max":45,"mean":38,
        "population_std_dev":7,"sample_std_dev":9.899494936611665,
        "quantiles":{"p01":31.14,"p05":31.7,"p25":34.5,"p50":38,"p75":41.5,"p95":44.3,"p99":44.86},
        "histogram":{"edges":[31,38,45],"counts":[1,1]}},"categorical":null},
        {"name":"plan","type":"string","count":3,"null_count":0,"missing_count":0,"null_rate":0,
        "type_counts":{"boolean":0,"integer":0,"float":0,"string":3,"timestamp":0,"object":0,"array":0},"numeric":null,
        "categorical":{"distinct_count":2,"distinct_count_exact":true,
        "top_categories":[{"value":"basic","count":2},{"value":"pro","count":1}],"top_categories_exact":true,
        "min_length":3,"max_length":5,"mean_length":4.333333333333333}},
        {"name":"score","type":"float","count":2,"null_count":1,"missing_count":0,"null_rate":0.3333333333333333,
        "type_counts":{"boolean":0,"integer":0,"float":2,"string":0,"timestamp":0,"object":0,"array":0},
        "numeric":{"count":2,"nan_count":0,"positive_infinity_count":0,"negative_infinity_count":0,"min":0.5,"max":1.25,"mean":0.875,
        "population_std_dev":0.375,"sample_std_dev":0.5303300858899106,
        "quantiles":{"p01":0.5075,"p05":0.5375,"p25":0.6875,"p50":0.875,"p75":1.0625,"p95":1.2125,"p99":1.2425},
        "histogram":{"edges":[0.5,0.875,1.25],"counts":[1,1]}},"categorical":null}]}
        """.Replace("\n", "", StringComparison.Ordinal);
}
