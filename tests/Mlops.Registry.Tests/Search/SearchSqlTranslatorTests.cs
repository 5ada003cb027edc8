using Mlops.Registry.Application.Search;
using Mlops.Registry.Infrastructure.Search;
using NpgsqlTypes;

namespace Mlops.Registry.Tests.Search;

public sealed class SearchSqlTranslatorTests
{
    private const string Auc = "(CASE WHEN jsonb_typeof(v.metrics -> @search_0) = 'number' THEN (v.metrics ->> @search_0)::double precision END)";

    private static SqlFilter Translate(string filter, params string[] orderBy) =>
        SearchSqlTranslator.Translate(TestSchemas.Versions.ParseFilter(filter), TestSchemas.Versions.ParseOrderBy(orderBy), TestSchemas.Mapping);

    private static (string Name, NpgsqlDbType Type, object? Value)[] Parameters(SqlFilter sql) =>
        sql.Parameters.Select(p => (p.ParameterName, p.NpgsqlDbType, p.Value)).ToArray();

    [Fact]
    public void No_filter_and_no_order_is_TRUE_and_nothing()
    {
        var sql = Translate("");

        Assert.Equal("TRUE", sql.WhereSql);
        Assert.Equal("", sql.OrderBySql);
        Assert.Empty(sql.Parameters);
        Assert.Empty(sql.OrderBy);
    }

    [Theory]
    [InlineData("name = 'fraud'", "(v.name = @search_0)")]
    [InlineData("name != 'fraud'", "(v.name <> @search_0)")]
    [InlineData("name <> 'fraud'", "(v.name <> @search_0)")]
    [InlineData("name LIKE 'fraud'", "(v.name LIKE @search_0)")]
    [InlineData("name ILIKE 'fraud'", "(v.name ILIKE @search_0)")]
    [InlineData("name NOT LIKE 'fraud'", "(v.name NOT LIKE @search_0)")]
    [InlineData("name NOT ILIKE 'fraud'", "(v.name NOT ILIKE @search_0)")]
    [InlineData("created_by IN ('fraud')", "(v.created_by = ANY(@search_0))")]
    [InlineData("created_by NOT IN ('fraud')", "(v.created_by <> ALL(@search_0))")]
    [InlineData("description IS NULL", "(v.description IS NULL)")]
    [InlineData("description IS NOT NULL", "(v.description IS NOT NULL)")]
    public void Attribute_conditions_compare_the_mapped_expression_with_a_parameter(string filter, string where) =>
        Assert.Equal(where, Translate(filter).WhereSql);

    [Fact]
    public void A_text_value_is_a_text_parameter_never_part_of_the_SQL()
    {
        var sql = Translate("name = 'x''; DROP TABLE models; --'");

        Assert.Equal("(v.name = @search_0)", sql.WhereSql);
        Assert.Equal([("search_0", NpgsqlDbType.Text, (object?)"x'; DROP TABLE models; --")], Parameters(sql));
    }

    [Fact]
    public void Tag_equality_is_containment_so_a_GIN_index_can_serve_it()
    {
        var sql = Translate("tags.team = 'risk'");

        Assert.Equal("(v.tags @> jsonb_build_object(@search_0, @search_1))", sql.WhereSql);
        Assert.Equal([("search_0", NpgsqlDbType.Text, (object?)"team"), ("search_1", NpgsqlDbType.Text, "risk")], Parameters(sql));
    }

    [Fact]
    public void Other_tag_conditions_read_the_key_with_a_parameter()
    {
        var sql = Translate("tags.`it's` != 'risk' AND params.lr LIKE '0.0%' AND tags.team IS NULL");

        Assert.Equal("((v.tags ->> @search_0) <> @search_1 AND (v.params ->> @search_2) LIKE @search_3 AND (v.tags ->> @search_4) IS NULL)", sql.WhereSql);
        Assert.Equal(
            [
                ("search_0", NpgsqlDbType.Text, (object?)"it's"),
                ("search_1", NpgsqlDbType.Text, "risk"),
                ("search_2", NpgsqlDbType.Text, "lr"),
                ("search_3", NpgsqlDbType.Text, "0.0%"),
                ("search_4", NpgsqlDbType.Text, "team"),
            ],
            Parameters(sql));
    }

    [Fact]
    public void A_metric_comparison_is_a_strict_jsonpath_predicate_passed_as_a_parameter()
    {
        var sql = Translate("metrics.auc > 0.9");

        Assert.Equal("(v.metrics @@ @search_0)", sql.WhereSql);
        Assert.Equal([("search_0", NpgsqlDbType.JsonPath, (object?)"strict $.\"auc\" > 0.9")], Parameters(sql));
    }

    [Theory]
    [InlineData("metrics.auc = 1e-5", "strict $.\"auc\" == 1E-05")]
    [InlineData("metrics.auc != -2", "strict $.\"auc\" != -2")]
    [InlineData("metrics.auc <= 1e300", "strict $.\"auc\" <= 1E+300")]
    [InlineData("metrics.auc IN (0.5, 1)", "strict $.\"auc\" == 0.5 || $.\"auc\" == 1")]
    [InlineData("metrics.auc NOT IN (0.5, 1)", "strict $.\"auc\" != 0.5 && $.\"auc\" != 1")]
    [InlineData("metrics.`say \"hi\"\\now` >= 0.1", "strict $.\"say \\\"hi\\\"\\\\now\" >= 0.1")]
    public void A_metric_key_is_quoted_and_escaped_in_the_path_and_numbers_round_trip(string filter, string path)
    {
        var sql = Translate(filter);

        Assert.Equal(path, sql.Parameters.Single().Value);
    }

    [Fact]
    public void The_MLflow_example_joins_its_conditions_with_AND()
    {
        var sql = Translate("name LIKE 'fraud%' AND tags.team = 'risk' AND metrics.auc > 0.9");

        Assert.Equal("(v.name LIKE @search_0 AND v.tags @> jsonb_build_object(@search_1, @search_2) AND v.metrics @@ @search_3)", sql.WhereSql);
        Assert.Equal(["fraud%", "team", "risk", "strict $.\"auc\" > 0.9"], sql.Parameters.Select(p => p.Value));
    }

    [Fact]
    public void Each_type_gets_its_parameter_type()
    {
        var sql = Translate("version >= 2 AND create_time < '2025-01-31T12:00:00+01:00' AND archived = true AND size = 5 AND status = 'ready'");

        Assert.Equal(
            [
                ("search_0", NpgsqlDbType.Bigint, (object?)2L),
                ("search_1", NpgsqlDbType.TimestampTz, new DateTimeOffset(2025, 1, 31, 11, 0, 0, TimeSpan.Zero)),
                ("search_2", NpgsqlDbType.Boolean, true),
                ("search_3", NpgsqlDbType.Double, 5.0),
                ("search_4", NpgsqlDbType.Text, "READY"),
            ],
            Parameters(sql));
    }

    [Fact]
    public void An_IN_list_is_one_typed_array_parameter()
    {
        var sql = Translate("version IN (1, 2, 3) AND metrics.auc NOT IN (0.5, 1) AND tags.team IN ('a', 'b')");

        Assert.Equal("(v.version = ANY(@search_0) AND v.metrics @@ @search_1 AND (v.tags ->> @search_2) = ANY(@search_3))", sql.WhereSql);
        Assert.Equal(NpgsqlDbType.Array | NpgsqlDbType.Bigint, sql.Parameters[0].NpgsqlDbType);
        Assert.Equal(new long[] { 1, 2, 3 }, sql.Parameters[0].Value);
        Assert.Equal(NpgsqlDbType.Array | NpgsqlDbType.Text, sql.Parameters[3].NpgsqlDbType);
        Assert.Equal(new[] { "a", "b" }, sql.Parameters[3].Value);
    }

    [Fact]
    public void Order_by_puts_missing_values_last_and_numbers_its_parameters_after_the_filters()
    {
        var sql = Translate("name = 'a'", "metrics.auc DESC", "tags.team", "version ASC");

        var auc = Auc.Replace("search_0", "search_1", StringComparison.Ordinal);
        Assert.Equal($"{auc} DESC NULLS LAST, (v.tags ->> @search_2) ASC NULLS LAST, v.version ASC NULLS LAST", sql.OrderBySql);
        Assert.Equal(
            [new SqlOrderTerm(auc, Descending: true), new SqlOrderTerm("(v.tags ->> @search_2)", Descending: false), new SqlOrderTerm("v.version", Descending: false)],
            sql.OrderBy);
        Assert.Equal(["a", "auc", "team"], sql.Parameters.Select(p => p.Value));
    }

    [Fact]
    public void The_parameter_prefix_can_be_chosen_and_must_be_a_plain_name()
    {
        var filter = TestSchemas.Versions.ParseFilter("version = 1");

        Assert.Equal("(v.version = @f_0)", SearchSqlTranslator.Translate(filter, [], TestSchemas.Mapping, "f_").WhereSql);
        Assert.Throws<ArgumentException>(() => SearchSqlTranslator.Translate(filter, [], TestSchemas.Mapping, "p;"));
        Assert.Throws<ArgumentException>(() => SearchSqlTranslator.Translate(filter, [], TestSchemas.Mapping, "1p"));
    }

    [Fact]
    public void Cloned_parameters_are_equal_but_new_so_a_second_command_can_use_them()
    {
        var sql = Translate("tags.team = 'risk'");

        var clones = sql.CloneParameters();

        Assert.Equal(sql.Parameters.Select(p => (p.ParameterName, p.Value)), clones.Select(p => (p.ParameterName, p.Value)));
        Assert.All(clones.Zip(sql.Parameters), pair => Assert.NotSame(pair.First, pair.Second));
    }

    [Fact]
    public void A_mapping_that_lacks_an_identifier_of_the_schema_is_a_programming_error()
    {
        var partial = new SearchSqlMapping(new Dictionary<string, string> { ["name"] = "m.name" }, new Dictionary<string, string>());

        var error = Assert.Throws<InvalidOperationException>(() => partial.EnsureCovers(RegistrySearchSchemas.Models));
        Assert.Equal("The search mapping has no SQL for description, created_by, create_time, update_time, latest_version, tags.", error.Message);
        Assert.Throws<InvalidOperationException>(() => SearchSqlTranslator.Translate(RegistrySearchSchemas.Models.ParseFilter("tags.a = 'b'"), [], partial));
        TestSchemas.Mapping.EnsureCovers(TestSchemas.Versions);
    }
}
