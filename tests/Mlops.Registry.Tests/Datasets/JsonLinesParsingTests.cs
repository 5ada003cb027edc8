using System.Text;
using Mlops.Registry.Application;
using Mlops.Registry.Application.Datasets.Profiling;

namespace Mlops.Registry.Tests.Datasets;

public sealed class JsonLinesParsingTests
{
    [Fact]
    public async Task Columns_are_the_union_of_keys_in_first_seen_order_and_absent_keys_are_missing_nulls()
    {
        var profile = await Profiles.JsonLinesAsync("{\"a\":1}\n{\"b\":\"x\",\"a\":2}\n{\"a\":null,\"c\":true}\n");

        Assert.Equal(3, profile.RowCount);
        Assert.Equal(["a", "b", "c"], profile.Columns.Select(c => c.Name));
        var a = profile.Column("a");
        Assert.Equal((2L, 1L, 0L), (a.Count, a.NullCount, a.MissingCount));
        var b = profile.Column("b");
        Assert.Equal((1L, 2L, 2L), (b.Count, b.NullCount, b.MissingCount));
        Assert.Equal(2.0 / 3, b.NullRate);
        Assert.Equal((ColumnType.Boolean, 2L), (profile.Column("c").Type, profile.Column("c").MissingCount));
    }

    [Fact]
    public async Task Blank_lines_are_skipped_and_CRLF_and_a_byte_order_mark_are_accepted()
    {
        var profile = await Profiles.JsonLinesAsync("\uFEFF{\"a\":1}\r\n\r\n   \t\n{\"a\":2}  \n\n");

        Assert.Equal(2, profile.RowCount);
        Assert.Equal(2.0, profile.Column("a").Numeric!.Max);
    }

    [Fact]
    public async Task Nested_objects_and_arrays_are_single_values_counted_by_their_JSON_text()
    {
        var profile = await Profiles.JsonLinesAsync("{\"o\":{\"x\":[1,2]},\"l\":[1, 2]}\n{\"o\":{\"x\":[1,2]},\"l\":[]}\n");

        var o = profile.Column("o");
        Assert.Equal(ColumnType.Object, o.Type);
        Assert.Equal(new CategoryCount("{\"x\":[1,2]}", 2), o.Categorical!.TopCategories.Single());
        var l = profile.Column("l");
        Assert.Equal(ColumnType.Array, l.Type);
        Assert.Equal(["[1, 2]", "[]"], l.Categorical!.TopCategories.Select(c => c.Value));
        Assert.Equal(2, l.TypeCounts.Array);
    }

    [Fact]
    public async Task JSON_values_keep_their_JSON_type_and_only_strings_can_be_timestamps()
    {
        var profile = await Profiles.JsonLinesAsync(
            "{\"s\":\"42\",\"t\":\"2024-01-02T03:04:05Z\",\"i\":1,\"f\":1.0,\"e\":\"\",\"big\":12345678901234567890,\"esc\":\"a\\u00e9\\n\"}\n");

        Assert.Equal(ColumnType.String, profile.Column("s").Type);
        Assert.Equal(ColumnType.Timestamp, profile.Column("t").Type);
        Assert.Equal(ColumnType.Integer, profile.Column("i").Type);
        Assert.Equal(ColumnType.Float, profile.Column("f").Type);
        Assert.Equal((ColumnType.String, 0L), (profile.Column("e").Type, profile.Column("e").NullCount));
        Assert.Equal((ColumnType.Float, 12345678901234567890.0), (profile.Column("big").Type, profile.Column("big").Numeric!.Max));
        Assert.Equal("a\u00e9\n", profile.Column("esc").Categorical!.TopCategories.Single().Value);
    }

    [Theory]
    [InlineData("{\"a\":1}\n{\"a\":2}\n{\"a\":}\n", "JSON Lines line 3: invalid JSON at byte 6: ")]
    [InlineData("{\"a\":1}\n\n{\"a\":2", "JSON Lines line 3: invalid JSON at byte ")]
    [InlineData("{\"a\":1}\n[1,2]\n", "JSON Lines line 2: the line is not a JSON object.")]
    [InlineData("{\"a\":1}\n\"text\"\n", "JSON Lines line 2: the line is not a JSON object.")]
    [InlineData("{\"a\":1} {\"a\":2}\n", "JSON Lines line 1: invalid JSON at byte ")]
    [InlineData("{\"a\":1}\n{\"a\":1,\"b\":2,\"a\":3}\n", "JSON Lines line 2: the key 'a' appears twice in the object.")]
    [InlineData("{\"a\":1}\n{\"\":1}\n", "JSON Lines line 2: a column name is empty.")]
    [InlineData("{\"a\":\"\\ud800\"}\n", "JSON Lines line 1: a string has an escape that is not valid Unicode (a lone surrogate).")]
    [InlineData("{\"a\":NaN}\n", "JSON Lines line 1: invalid JSON at byte ")]
    public async Task Invalid_lines_are_errors_naming_the_line(string text, string expectedStart) =>
        Assert.StartsWith(expectedStart, await Profiles.InvalidJsonLinesMessageAsync(text), StringComparison.Ordinal);

    [Fact]
    public async Task More_keys_than_the_column_limit_is_an_error_naming_the_line()
    {
        var keys = string.Join(",", Enumerable.Range(1, 1000).Select(i => $"\"k{i}\":{i}"));

        var message = await Profiles.InvalidJsonLinesMessageAsync($"{{{keys}}}\n{{\"k1\":1,\"extra\":2}}\n");

        Assert.Equal("JSON Lines line 2: the key 'extra' makes more than 1000 columns; at most 1000 are supported.", message);
    }

    [Fact]
    public async Task Text_that_is_not_UTF8_is_an_error_naming_its_line()
    {
        byte[] data = [.. "{\"a\":\"x\"}\n{\"a\":\""u8, 0xFF, .. "\"}\n"u8];

        var error = await Assert.ThrowsAsync<RegistryException>(() => Profiles.ProfileAsync(data, Profiles.JsonLines));

        Assert.Equal("JSON Lines line 2: the text is not valid UTF-8.", error.Message);
    }

    [Fact]
    public async Task A_line_longer_than_the_limit_is_an_error()
    {
        var options = Profiles.JsonLines with { Limits = DatasetProfileLimits.Default with { MaxRecordBytes = 1024 } };

        var message = await Profiles.InvalidJsonLinesMessageAsync("{\"a\":1}\n{\"a\":\"" + new string('x', 3000) + "\"}\n", options);

        Assert.Equal("JSON Lines line 2: the line is longer than 1024 bytes.", message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(4096)]
    public async Task How_the_stream_splits_its_reads_does_not_change_the_profile(int readSize)
    {
        var data = Encoding.UTF8.GetBytes("{\"a\":1,\"s\":\"é\\\"x\"}\r\n\n{\"n\":{\"deep\":[1,{\"x\":null}]},\"a\":2.5}\n{\"a\":null}");

        var whole = await Profiles.ProfileAsync(data, Profiles.JsonLines);
        var chunked = await Profiles.ProfileAsync(data, Profiles.JsonLines, readSize);

        Assert.Equal(3, whole.RowCount);
        Assert.Equal(DatasetProfileJson.Serialize(whole), DatasetProfileJson.Serialize(chunked));
    }
}
