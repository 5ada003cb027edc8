using System.Globalization;
using System.Text;
using Mlops.Registry.Application.Datasets.Profiling;

namespace Mlops.Registry.Tests.Datasets;

public sealed class TypeInferenceTests
{
    [Theory]
    [InlineData("true", ColumnType.Boolean)]
    [InlineData("False", ColumnType.Boolean)]
    [InlineData("TRUE", ColumnType.Boolean)]
    [InlineData("tRue", ColumnType.String)]
    [InlineData("yes", ColumnType.String)]
    [InlineData("42", ColumnType.Integer)]
    [InlineData("-7", ColumnType.Integer)]
    [InlineData("+7", ColumnType.Integer)]
    [InlineData("007", ColumnType.Integer)]
    [InlineData("9223372036854775807", ColumnType.Integer)]
    [InlineData("9223372036854775808", ColumnType.Float)]
    [InlineData("1.5", ColumnType.Float)]
    [InlineData(".5", ColumnType.Float)]
    [InlineData("5.", ColumnType.Float)]
    [InlineData("-1e3", ColumnType.Float)]
    [InlineData("1E-3", ColumnType.Float)]
    [InlineData("1e400", ColumnType.Float)]
    [InlineData("NaN", ColumnType.Float)]
    [InlineData("-inf", ColumnType.Float)]
    [InlineData("Infinity", ColumnType.Float)]
    [InlineData("Nan", ColumnType.String)]
    [InlineData(".", ColumnType.String)]
    [InlineData("-", ColumnType.String)]
    [InlineData("1e", ColumnType.String)]
    [InlineData("1.2.3", ColumnType.String)]
    [InlineData(" 42", ColumnType.String)]
    [InlineData("42 ", ColumnType.String)]
    [InlineData("0x1F", ColumnType.String)]
    [InlineData("1_000", ColumnType.String)]
    [InlineData("\"1,5\"", ColumnType.String)]
    [InlineData("2024-02-29", ColumnType.Timestamp)]
    [InlineData("2023-02-29", ColumnType.String)]
    [InlineData("2024-01-15T10:30", ColumnType.Timestamp)]
    [InlineData("2024-01-15 10:30:00", ColumnType.Timestamp)]
    [InlineData("2024-01-15t10:30:00z", ColumnType.Timestamp)]
    [InlineData("2024-01-15T10:30:00.123456789Z", ColumnType.Timestamp)]
    [InlineData("2024-01-15T10:30:00.1234567890Z", ColumnType.String)]
    [InlineData("2024-01-15T10:30:00.Z", ColumnType.String)]
    [InlineData("2024-01-15T10:30:00+05:30", ColumnType.Timestamp)]
    [InlineData("2024-01-15T10:30:00+0530", ColumnType.String)]
    [InlineData("2024-01-15T24:00:00", ColumnType.String)]
    [InlineData("2024-01-15T10:30:60", ColumnType.String)]
    [InlineData("2024-01-15T10", ColumnType.String)]
    [InlineData("2024-01-15Z", ColumnType.String)]
    [InlineData("20240115", ColumnType.Integer)]
    [InlineData("0000-01-01", ColumnType.String)]
    [InlineData("\"\"", ColumnType.Null)]
    [InlineData("NA", ColumnType.String)]
    [InlineData("null", ColumnType.String)]
    public async Task A_CSV_value_has_the_kind_the_rules_give_it(string field, ColumnType expected)
    {
        var profile = await Profiles.CsvAsync($"v\n{field}\n");

        Assert.Equal(expected, profile.Column("v").Type);
    }

    [Theory]
    [InlineData(new[] { "1", "2" }, ColumnType.Integer)]
    [InlineData(new[] { "1", "2.5" }, ColumnType.Float)]
    [InlineData(new[] { "1", "NaN" }, ColumnType.Float)]
    [InlineData(new[] { "1", "x" }, ColumnType.Mixed)]
    [InlineData(new[] { "true", "1" }, ColumnType.Mixed)]
    [InlineData(new[] { "2024-01-01", "soon" }, ColumnType.Mixed)]
    [InlineData(new[] { "", "" }, ColumnType.Null)]
    [InlineData(new[] { "", "x" }, ColumnType.String)]
    public async Task A_column_type_follows_from_the_kinds_of_its_non_null_values(string[] values, ColumnType expected)
    {
        var profile = await Profiles.CsvAsync("v\n" + string.Join("\n", values.Select(v => v.Length == 0 ? "\"\"" : v)) + "\n");

        var column = profile.Column("v");
        Assert.Equal(expected, column.Type);
        var counts = column.TypeCounts;
        Assert.Equal(column.Count, counts.Boolean + counts.Integer + counts.Float + counts.String + counts.Timestamp + counts.Object + counts.Array);
        Assert.Equal(profile.RowCount, column.Count + column.NullCount);
    }

    [Fact]
    public async Task Mixed_columns_get_a_categorical_summary_with_values_as_written()
    {
        var profile = await Profiles.CsvAsync("v\n1\n1.0\nx\n1\nTrue\ntrue\n");

        var column = profile.Column("v");
        Assert.Equal(ColumnType.Mixed, column.Type);
        Assert.Null(column.Numeric);
        Assert.Equal((1L, 2L, 1L, 2L), (column.TypeCounts.Float, column.TypeCounts.Integer, column.TypeCounts.String, column.TypeCounts.Boolean));
        Assert.Equal(
            [new CategoryCount("1", 2), new CategoryCount("true", 2), new CategoryCount("1.0", 1), new CategoryCount("x", 1)],
            column.Categorical!.TopCategories);
    }

    [Fact]
    public async Task Only_the_empty_field_is_null_unless_null_values_are_given()
    {
        var text = "v,w\n1,NA\nNA,x\n3,\n";

        var plain = await Profiles.CsvAsync(text);
        var withNa = await Profiles.CsvAsync(text, Profiles.Csv with { CsvNullValues = ["NA"] });

        Assert.Equal((ColumnType.Mixed, 0L), (plain.Column("v").Type, plain.Column("v").NullCount));
        Assert.Equal((ColumnType.Integer, 1L), (withNa.Column("v").Type, withNa.Column("v").NullCount));
        Assert.Equal((ColumnType.String, 2L), (withNa.Column("w").Type, withNa.Column("w").NullCount));
        Assert.Equal(["NA"], withNa.Csv!.NullValues);
    }

    [Fact]
    public async Task NaN_and_infinities_are_counted_apart_and_left_out_of_every_other_figure()
    {
        var profile = await Profiles.CsvAsync("v\n1\nNaN\n2\ninf\n-Infinity\n3\n1e999\n");

        var numeric = profile.Column("v").Numeric!;
        Assert.Equal(ColumnType.Float, profile.Column("v").Type);
        Assert.Equal((3L, 1L, 2L, 1L), (numeric.Count, numeric.NanCount, numeric.PositiveInfinityCount, numeric.NegativeInfinityCount));
        Assert.Equal((1.0, 3.0, 2.0), (numeric.Min, numeric.Max, numeric.Mean));
        Assert.Equal(3, numeric.Histogram!.Counts.Sum());
        Assert.Equal(2.0, numeric.Quantiles!.P50);
        Assert.Equal(7, profile.Column("v").Count);
    }

    [Fact]
    public void A_float_is_read_as_the_correctly_rounded_double_whatever_its_length()
    {
        var random = new Random(3);
        for (var i = 0; i < 200_000; i++)
        {
            var digits = string.Concat(Enumerable.Range(0, random.Next(1, 21)).Select(_ => (char)('0' + random.Next(10))));
            var point = random.Next(digits.Length + 1);
            var text = (random.Next(3) switch { 0 => "-", 1 => "+", _ => "" }) + digits[..point] + "." + digits[point..]
                + (random.Next(4) == 0 ? $"e{random.Next(-30, 30)}" : "");

            var kind = FieldClassifier.ClassifyNumber(Encoding.UTF8.GetBytes(text), out var number);

            Assert.Equal(ValueKind.Float, kind);
            Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(number));
        }
    }

    [Fact]
    public async Task A_column_of_only_NaN_has_counts_and_no_statistics()
    {
        var profile = await Profiles.CsvAsync("v\nNaN\nnan\n");

        var numeric = profile.Column("v").Numeric!;
        Assert.Equal((0L, 2L), (numeric.Count, numeric.NanCount));
        Assert.Null(numeric.Min);
        Assert.Null(numeric.Quantiles);
        Assert.Null(numeric.Histogram);
    }
}
