using System.Text;
using Mlops.Registry.Application;
using Mlops.Registry.Application.Datasets.Profiling;

namespace Mlops.Registry.Tests.Datasets;

public sealed class CsvParsingTests
{
    [Fact]
    public async Task Quoted_fields_keep_delimiters_line_breaks_and_doubled_quotes()
    {
        var profile = await Profiles.CsvAsync("name,note\r\n\"Smith, J\",\"said \"\"hi\"\"\nthen left\"\r\n\"\",plain\n");

        Assert.Equal(2, profile.RowCount);
        Assert.Equal(["name", "note"], profile.Columns.Select(c => c.Name));
        var name = profile.Column("name");
        Assert.Equal((1, 1), (name.Count, name.NullCount));
        Assert.Equal("Smith, J", name.Categorical!.TopCategories.Single().Value);
        Assert.Equal(["plain", "said \"hi\"\nthen left"], profile.Column("note").Categorical!.TopCategories.Select(c => c.Value));
    }

    [Theory]
    [InlineData("a,b\n1,x\n2,y\n")]
    [InlineData("a,b\r\n1,x\r\n2,y\r\n")]
    [InlineData("a,b\r1,x\r2,y\r")]
    [InlineData("a,b\n1,x\r\n2,y")]
    [InlineData("a,b\n\n1,x\n\r\n\n2,y\n\n")]
    [InlineData("\uFEFFa,b\n1,x\n2,y")]
    [InlineData("\"a\",\"b\"\n\"1\",\"x\"\n2,\"y\"")]
    public async Task Line_endings_blank_lines_quotes_and_a_byte_order_mark_do_not_change_the_rows(string text)
    {
        var profile = await Profiles.CsvAsync(text);

        Assert.Equal(2, profile.RowCount);
        Assert.Equal(["a", "b"], profile.Columns.Select(c => c.Name));
        Assert.Equal(ColumnType.Integer, profile.Column("a").Type);
        Assert.Equal((1, 2), (profile.Column("a").Numeric!.Min, profile.Column("a").Numeric!.Max));
        Assert.Equal(["x", "y"], profile.Column("b").Categorical!.TopCategories.Select(c => c.Value));
    }

    [Fact]
    public async Task A_trailing_delimiter_is_an_empty_last_field()
    {
        var profile = await Profiles.CsvAsync("a,b,c\n1,2,\n");

        Assert.Equal(1, profile.Column("c").NullCount);
        Assert.Equal(ColumnType.Null, profile.Column("c").Type);
    }

    [Theory]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public async Task The_delimiter_is_an_option(char delimiter)
    {
        var text = $"a{delimiter}b\n\"1{delimiter}5\"{delimiter}2,5\n";

        var profile = await Profiles.CsvAsync(text, Profiles.Csv with { CsvDelimiter = delimiter });

        Assert.Equal($"1{delimiter}5", profile.Column("a").Categorical!.TopCategories.Single().Value);
        Assert.Equal("2,5", profile.Column("b").Categorical!.TopCategories.Single().Value);
        Assert.Equal(delimiter.ToString(), profile.Csv!.Delimiter);
    }

    [Fact]
    public async Task Without_a_header_row_columns_are_numbered_and_the_first_record_is_data()
    {
        var profile = await Profiles.CsvAsync("1,x\n2,y\n", Profiles.Csv with { CsvHeaderRow = false });

        Assert.Equal(2, profile.RowCount);
        Assert.Equal(["column_1", "column_2"], profile.Columns.Select(c => c.Name));
        Assert.False(profile.Csv!.HeaderRow);
    }

    [Fact]
    public async Task A_header_alone_gives_columns_without_values_and_an_empty_file_gives_nothing()
    {
        var headerOnly = await Profiles.CsvAsync("a,b\n");
        var empty = await Profiles.CsvAsync("");

        Assert.Equal((0L, 2), (headerOnly.RowCount, headerOnly.ColumnCount));
        Assert.All(headerOnly.Columns, c => Assert.Equal((ColumnType.Null, 0L, 0.0), (c.Type, c.NullCount, c.NullRate)));
        Assert.Equal((0L, 0), (empty.RowCount, empty.ColumnCount));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task How_the_stream_splits_its_reads_does_not_change_the_profile(int readSize)
    {
        var text = "\uFEFFid,\"text, quoted\",v\r\n1,\"a\r\nb\"\"c\",1.5\r2,plain,\r\n\n3,\"\",-2e3\r\n4,\"x\ry\",7";
        var options = Profiles.Csv with { Limits = DatasetProfileLimits.Default with { MaxRecordBytes = 1024 } };
        var whole = await Profiles.ProfileAsync(Encoding.UTF8.GetBytes(text), options);

        var chunked = await Profiles.ProfileAsync(Encoding.UTF8.GetBytes(text), options, readSize);

        Assert.Equal(4, whole.RowCount);
        Assert.Equal(["a\r\nb\"c", "plain", "x\ry"], whole.Column("text, quoted").Categorical!.TopCategories.Select(c => c.Value));
        Assert.Equal(DatasetProfileJson.Serialize(whole), DatasetProfileJson.Serialize(chunked));
    }

    [Fact]
    public async Task A_record_with_too_many_fields_is_an_error_naming_its_line()
    {
        var message = await Profiles.InvalidCsvMessageAsync("a,b\n1,2\n1,2,3\n");

        Assert.Equal("CSV line 3: the record has more than 2 fields; the header has 2.", message);
    }

    [Fact]
    public async Task A_record_with_too_few_fields_is_an_error_naming_its_line()
    {
        var message = await Profiles.InvalidCsvMessageAsync("a,b\n1,2\n\n1\n");

        Assert.Equal("CSV line 4: the record has 1 field; the header has 2.", message);
    }

    [Fact]
    public async Task Line_numbers_count_the_line_breaks_inside_quoted_fields()
    {
        var message = await Profiles.InvalidCsvMessageAsync("a,b\n\"x\ny\r\nz\",1\n1,2,3\n", Profiles.Csv with { CsvHeaderRow = false });

        Assert.Equal("CSV line 5: the record has more than 2 fields; the first record has 2.", message);
    }

    [Fact]
    public async Task An_unclosed_quote_is_an_error_naming_the_line_it_opens_on()
    {
        var message = await Profiles.InvalidCsvMessageAsync("a,b\n1,2\n3,\"open\n4,5\n");

        Assert.Equal("CSV line 3: the quoted field 2 is not closed before the end of the file.", message);
    }

    [Fact]
    public async Task A_quote_inside_an_unquoted_field_is_an_error()
    {
        var message = await Profiles.InvalidCsvMessageAsync("a,b\n1,5'10\"\n");

        Assert.StartsWith("CSV line 2: field 2 has a '\"' but does not start with one", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_after_a_closing_quote_is_an_error()
    {
        var message = await Profiles.InvalidCsvMessageAsync("a,b\n1,2\n\"x\ny\"z,2\n");

        Assert.StartsWith("CSV line 4: field 1 has text after its closing quote", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a,,c\n1,2,3\n", "CSV line 1: column 2 of the header: a column name is empty.")]
    [InlineData("a, ,c\n1,2,3\n", "CSV line 1: column 2 of the header: a column name is empty.")]
    [InlineData("\n\na,b,a\n1,2,3\n", "CSV line 3: the header names two columns 'a' (columns 1 and 3).")]
    public async Task Header_names_must_be_present_and_unique(string text, string expected) =>
        Assert.Equal(expected, await Profiles.InvalidCsvMessageAsync(text));

    [Fact]
    public async Task More_than_a_thousand_columns_is_an_error()
    {
        var header = string.Join(",", Enumerable.Range(1, 1001).Select(i => $"c{i}"));

        var message = await Profiles.InvalidCsvMessageAsync(header + "\n");
        var thousand = await Profiles.CsvAsync(string.Join(",", Enumerable.Range(1, 1000).Select(i => $"c{i}")) + "\n");

        Assert.Equal("CSV line 1: the first record has more than 1000 fields; at most 1000 columns are supported.", message);
        Assert.Equal(1000, thousand.ColumnCount);
    }

    [Fact]
    public async Task Text_that_is_not_UTF8_is_an_error_naming_its_line()
    {
        byte[] data = [.. "a,b\n1,\"x\ny\"\n"u8, .. "2,"u8, 0xC3, 0x28, .. "\n"u8];

        var error = await Assert.ThrowsAsync<RegistryException>(() => Profiles.ProfileAsync(data, Profiles.Csv));

        Assert.Equal("CSV line 4: the text is not valid UTF-8.", error.Message);
        Assert.Equal(RegistryErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public async Task A_record_longer_than_the_limit_is_an_error_instead_of_unbounded_memory()
    {
        var options = Profiles.Csv with { Limits = DatasetProfileLimits.Default with { MaxRecordBytes = 1024 } };
        var text = "a,b\n1,2\n3,\"" + new string('x', 5000) + "\n";

        var message = await Profiles.InvalidCsvMessageAsync(text, options);
        var justFits = await Profiles.CsvAsync("a\n" + new string('x', 1023) + "\n", options);

        Assert.Equal("CSV line 3: the record is longer than 1024 bytes, which is often a quote left open.", message);
        Assert.Equal(1, justFits.RowCount);
    }

    [Theory]
    [InlineData('"')]
    [InlineData('\n')]
    [InlineData('\r')]
    [InlineData('é')]
    public async Task A_delimiter_that_cannot_work_is_refused(char delimiter)
    {
        var error = await Assert.ThrowsAsync<RegistryException>(() => Profiles.CsvAsync("a\n1\n", Profiles.Csv with { CsvDelimiter = delimiter }));

        Assert.Equal(RegistryErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("delimiter", error.Message, StringComparison.Ordinal);
    }
}
