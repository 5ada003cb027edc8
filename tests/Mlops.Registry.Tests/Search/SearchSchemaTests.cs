using Mlops.Registry.Application;
using Mlops.Registry.Application.Search;

namespace Mlops.Registry.Tests.Search;

public sealed class SearchSchemaTests
{
    private static SearchSchema Schema => TestSchemas.Versions;

    [Fact]
    public void No_filter_matches_everything() => Assert.Empty(Schema.ParseFilter("  ").Conditions);

    [Fact]
    public void Fields_resolve_to_their_family_key_and_type()
    {
        var conditions = Schema.ParseFilter("name LIKE 'fraud%' AND tags.team = 'risk' AND metrics.auc > 0.9 AND params.lr = '0.01'").Conditions;

        Assert.Equal(
            [
                new SearchField("name", null, SearchValueType.Text),
                new SearchField("tags", "team", SearchValueType.Text),
                new SearchField("metrics", "auc", SearchValueType.Number),
                new SearchField("params", "lr", SearchValueType.Text),
            ],
            conditions.Select(c => c.Field));
        Assert.Equal(["fraud%", "risk", 0.9, "0.01"], conditions.Select(c => c.Values[0]));
    }

    [Theory]
    [InlineData("attributes.name = 'a'", "name", null)]
    [InlineData("attribute.`name` = 'a'", "name", null)]
    [InlineData("tag.team = 'a'", "tags", "team")]
    [InlineData("metric.auc = 1", "metrics", "auc")]
    [InlineData("param.lr = 'a'", "params", "lr")]
    [InlineData("tags.`my key` = 'a'", "tags", "my key")]
    public void MLflow_prefixes_and_aliases_resolve_to_the_canonical_field(string filter, string name, string? key)
    {
        var field = Assert.Single(Schema.ParseFilter(filter).Conditions).Field;

        Assert.Equal(name, field.Name);
        Assert.Equal(key, field.Key);
    }

    [Theory]
    [InlineData("version = 3", 3L)]
    [InlineData("version = -3", -3L)]
    [InlineData("version = 1e2", 100L)]
    [InlineData("version = 7.0", 7L)]
    [InlineData("version = 9223372036854775807", long.MaxValue)]
    public void Integers_become_longs(string filter, long expected) =>
        Assert.Equal(expected, Assert.Single(Assert.Single(Schema.ParseFilter(filter).Conditions).Values));

    [Theory]
    [InlineData("create_time > '2025-01-31T12:00:00Z'", "2025-01-31T12:00:00Z")]
    [InlineData("create_time > '2025-01-31T12:00:00.123456Z'", "2025-01-31T12:00:00.123456Z")]
    [InlineData("create_time > '2025-01-31T12:00:00+02:00'", "2025-01-31T10:00:00Z")]
    [InlineData("create_time > '2025-01-31T12:00'", "2025-01-31T12:00:00Z")]
    [InlineData("create_time > '2025-01-31'", "2025-01-31T00:00:00Z")]
    [InlineData("create_time > '2025-01-31T12:00:00'", "2025-01-31T12:00:00Z")]
    [InlineData("create_time >= 1738324800000", "2025-01-31T12:00:00Z")]
    [InlineData("create_time >= 0", "1970-01-01T00:00:00Z")]
    public void Timestamps_take_ISO_8601_strings_or_epoch_milliseconds_as_UTC(string filter, string expected)
    {
        var value = Assert.IsType<DateTimeOffset>(Assert.Single(Assert.Single(Schema.ParseFilter(filter).Conditions).Values));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Fact]
    public void Enum_values_match_in_any_case_and_come_out_as_declared()
    {
        var condition = Assert.Single(Schema.ParseFilter("status IN ('ready', 'Failed')").Conditions);

        Assert.Equal(["READY", "FAILED"], condition.Values);
    }

    [Fact]
    public void Booleans_numbers_and_lists_keep_their_types()
    {
        var conditions = Schema.ParseFilter("archived = false AND size <= 10 AND version NOT IN (1, 2) AND tags.team IN ('a', 'b')").Conditions;

        Assert.Equal([false], conditions[0].Values);
        Assert.Equal([10.0], conditions[1].Values);
        Assert.Equal([1L, 2L], conditions[2].Values);
        Assert.Equal(["a", "b"], conditions[3].Values);
    }

    [Theory]
    [InlineData("tags.team IS NULL")]
    [InlineData("metrics.auc IS NOT NULL")]
    [InlineData("description IS NULL")]
    public void IS_NULL_applies_to_keys_and_nullable_attributes(string filter) => Assert.Empty(Assert.Single(Schema.ParseFilter(filter).Conditions).Values);

    [Theory]
    [InlineData("name LIKE '100\\%'")]
    [InlineData("name LIKE 'a\\\\'")]
    [InlineData("name LIKE '\\_%'")]
    public void A_LIKE_pattern_may_escape_with_backslashes(string filter) => Assert.Single(Schema.ParseFilter(filter).Conditions);

    [Theory]
    [InlineData("nmae = 'a'", 0, "unknown identifier 'nmae' at position 0; this search knows name, version, status, created_by, create_time, description, archived, size, tags.<key>, metrics.<key>, params.<key>")]
    [InlineData("version = 1 AND Name = 'a'", 16, "unknown identifier 'Name' at position 16 (identifiers are case-sensitive: 'name'?); this search knows name,")]
    [InlineData("attributes.team = 'a'", 0, "unknown identifier 'attributes.team' at position 0; this search knows name,")]
    [InlineData("label.team = 'a'", 0, "unknown identifier 'label.team' at position 0: 'label' is no prefix this search knows; it knows name,")]
    [InlineData("name.first = 'a'", 0, "unknown identifier 'name.first' at position 0: 'name' is no prefix this search knows;")]
    [InlineData("tags = 'a'", 0, "'tags' at position 0 needs a key, as in tags.<key>")]
    [InlineData("metrics.auc LIKE '0.9%'", 12, "LIKE at position 12 matches text, but 'metrics.auc' is a number")]
    [InlineData("version NOT ILIKE '1'", 8, "NOT ILIKE at position 8 matches text, but 'version' is an integer")]
    [InlineData("status LIKE 'R%'", 7, "LIKE at position 7 matches text, but 'status' is one of READY, PENDING, FAILED")]
    [InlineData("name > 'a'", 5, "'>' at position 5 compares numbers and times, but 'name' is text; use =, !=, IN, LIKE or ILIKE")]
    [InlineData("archived <= true", 9, "'<=' at position 9 compares numbers and times, but 'archived' is true or false; use =, !=, IN")]
    [InlineData("metrics.auc > '0.9'", 14, "'metrics.auc' is a number, so the value at position 14 must be a number, found the string '0.9'")]
    [InlineData("size = true", 7, "'size' is a number, so the value at position 7 must be a number, found true")]
    [InlineData("tags.team = 5", 12, "'tags.team' is text, so the value at position 12 must be a quoted string, found 5; write '5'")]
    [InlineData("name LIKE 5", 10, "'name' is text, so the value at position 10 must be a quoted string, found 5; write '5'")]
    [InlineData("tags.team IN ('a', 2)", 19, "'tags.team' is text, so the value at position 19 must be a quoted string, found 2; write '2'")]
    [InlineData("metrics.auc > NaN", 14, "NaN at position 14 is not a number that can be compared: use a finite number")]
    [InlineData("metrics.auc < -Infinity", 14, "-Infinity at position 14 is out of range: use a finite number")]
    [InlineData("size > 1e999", 7, "1e999 at position 7 is out of range: use a finite number")]
    [InlineData("version = 1.5", 10, "'version' is an integer, found 1.5 at position 10")]
    [InlineData("version = 1e30", 10, "'version' is an integer, found 1e30 at position 10")]
    [InlineData("version = '3'", 10, "'version' is an integer, so the value at position 10 must be a number, found the string '3'")]
    [InlineData("create_time > 'yesterday'", 14, "'create_time' is a time: write an ISO-8601 string such as '2025-01-31T12:00:00Z' or epoch milliseconds, found the string 'yesterday' at position 14")]
    [InlineData("create_time > '31/01/2025'", 14, "'create_time' is a time:")]
    [InlineData("create_time > 1.5", 14, "'create_time' is a time:")]
    [InlineData("create_time > 1e300", 14, "'create_time' is a time:")]
    [InlineData("status = 'DONE'", 9, "'status' is one of READY, PENDING, FAILED, found the string 'DONE' at position 9")]
    [InlineData("status != 1", 10, "'status' is one of READY, PENDING, FAILED, found 1 at position 10")]
    [InlineData("archived = 'true'", 11, "'archived' is true or false, found the string 'true' at position 11")]
    [InlineData("name IS NULL", 5, "IS NULL at position 5 does not apply to 'name', which always has a value")]
    [InlineData("name LIKE 'a\\'", 10, "the pattern at position 10 ends with a lone backslash, which escapes nothing; write \\\\ to match a backslash")]
    [InlineData("name NOT LIKE 'a\\\\\\'", 14, "the pattern at position 14 ends with a lone backslash")]
    public void A_filter_the_schema_refuses_says_why_and_where(string filter, int position, string detail)
    {
        var parsed = FilterParser.Parse(filter);

        var error = Assert.Throws<SearchFilterException>(() => Schema.ValidateFilter(parsed));

        Assert.Equal(position, error.Position);
        Assert.Equal("filter", error.Argument);
        Assert.StartsWith($"filter: {detail}", error.Message, StringComparison.Ordinal);
        Assert.Equal(RegistryErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public void The_registry_schemas_declare_tags_metrics_and_params()
    {
        Assert.Equal("name, description, created_by, create_time, update_time, latest_version, tags.<key>", RegistrySearchSchemas.Models.AllowedIdentifiers);
        Assert.Equal(
            "name, version, description, created_by, create_time, update_time, flavor, framework, run_id, status, approval_status, tags.<key>, metrics.<key>, params.<key>",
            RegistrySearchSchemas.ModelVersions.AllowedIdentifiers);
        Assert.Single(RegistrySearchSchemas.ModelVersions.ParseFilter("metrics.auc > 0.9").Conditions);
        Assert.Throws<SearchFilterException>(() => RegistrySearchSchemas.Models.ParseFilter("metrics.auc > 0.9"));
    }

    [Fact]
    public void A_schema_refuses_declarations_that_would_make_identifiers_ambiguous()
    {
        Assert.Throws<ArgumentException>(() => new SearchSchema([new("name", SearchValueType.Text), new("name", SearchValueType.Integer)], []));
        Assert.Throws<ArgumentException>(() => new SearchSchema([], [new("tags", SearchValueType.Text), new("labels", SearchValueType.Text) { Aliases = ["tags"] }]));
        Assert.Throws<ArgumentException>(() => new SearchSchema([], [new("attributes", SearchValueType.Text)]));
        Assert.Throws<ArgumentException>(() => new SearchSchema([], [new("flags", SearchValueType.Boolean)]));
        Assert.Throws<ArgumentException>(() => new SearchSchema([new("status", SearchValueType.Enum)], []));
    }
}
