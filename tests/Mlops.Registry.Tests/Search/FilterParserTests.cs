using Mlops.Registry.Application;
using Mlops.Registry.Application.Search;

namespace Mlops.Registry.Tests.Search;

public sealed class FilterParserTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \t\n ")]
    public void No_filter_has_no_conditions(string? filter) => Assert.Empty(FilterParser.Parse(filter).Terms);

    [Fact]
    public void A_comparison_keeps_the_field_operator_value_and_their_positions()
    {
        var term = Assert.Single(FilterParser.Parse("name = 'fraud'").Terms);

        Assert.Equal(new FieldReference(null, "name", 0, "name"), term.Field);
        Assert.Equal(FilterOperator.Equal, term.Operator);
        Assert.Equal(5, term.OperatorPosition);
        Assert.Equal(new StringLiteral("fraud", 7, "'fraud'"), Assert.Single(term.Values));
    }

    [Fact]
    public void Conditions_joined_by_AND_come_out_in_order()
    {
        var terms = FilterParser.Parse("name LIKE 'fraud%' AND tags.team = 'risk' AND metrics.auc > 0.9").Terms;

        Assert.Equal(3, terms.Count);
        Assert.Equal(new FieldReference(null, "name", 0, "name"), terms[0].Field);
        Assert.Equal(FilterOperator.Like, terms[0].Operator);
        Assert.Equal(new StringLiteral("fraud%", 10, "'fraud%'"), terms[0].Values[0]);
        Assert.Equal(new FieldReference("tags", "team", 23, "tags.team"), terms[1].Field);
        Assert.Equal(FilterOperator.Equal, terms[1].Operator);
        Assert.Equal(new StringLiteral("risk", 35, "'risk'"), terms[1].Values[0]);
        Assert.Equal(new FieldReference("metrics", "auc", 46, "metrics.auc"), terms[2].Field);
        Assert.Equal(FilterOperator.Greater, terms[2].Operator);
        Assert.Equal(58, terms[2].OperatorPosition);
        Assert.Equal(new NumberLiteral(0.9, 60, "0.9"), terms[2].Values[0]);
    }

    [Theory]
    [InlineData("version = 1", FilterOperator.Equal)]
    [InlineData("version != 1", FilterOperator.NotEqual)]
    [InlineData("version <> 1", FilterOperator.NotEqual)]
    [InlineData("version < 1", FilterOperator.Less)]
    [InlineData("version <= 1", FilterOperator.LessOrEqual)]
    [InlineData("version > 1", FilterOperator.Greater)]
    [InlineData("version >= 1", FilterOperator.GreaterOrEqual)]
    [InlineData("version>=1", FilterOperator.GreaterOrEqual)]
    [InlineData("version<>1", FilterOperator.NotEqual)]
    [InlineData("name LIKE 'a%'", FilterOperator.Like)]
    [InlineData("name like 'a%'", FilterOperator.Like)]
    [InlineData("name ILIKE 'a%'", FilterOperator.ILike)]
    [InlineData("name NOT LIKE 'a%'", FilterOperator.NotLike)]
    [InlineData("name not ilike 'a%'", FilterOperator.NotILike)]
    [InlineData("name IN ('a')", FilterOperator.In)]
    [InlineData("name NOT IN ('a')", FilterOperator.NotIn)]
    [InlineData("name In('a')", FilterOperator.In)]
    public void Every_operator_is_recognized_in_any_case(string filter, FilterOperator expected) =>
        Assert.Equal(expected, Assert.Single(FilterParser.Parse(filter).Terms).Operator);

    [Theory]
    [InlineData("tags.team IS NULL", FilterOperator.IsNull)]
    [InlineData("tags.team is not null", FilterOperator.IsNotNull)]
    public void IS_NULL_has_no_values(string filter, FilterOperator expected)
    {
        var term = Assert.Single(FilterParser.Parse(filter).Terms);

        Assert.Equal(expected, term.Operator);
        Assert.Equal(10, term.OperatorPosition);
        Assert.Empty(term.Values);
    }

    [Fact]
    public void An_IN_list_keeps_every_value_with_its_position()
    {
        var term = Assert.Single(FilterParser.Parse("version IN (1, 2 ,3)").Terms);

        Assert.Equal(
            [new NumberLiteral(1, 12, "1"), new NumberLiteral(2, 15, "2"), new NumberLiteral(3, 18, "3")],
            term.Values);
    }

    [Theory]
    [InlineData("'fraud'", "fraud")]
    [InlineData("\"fraud\"", "fraud")]
    [InlineData("''", "")]
    [InlineData("'it''s'", "it's")]
    [InlineData("\"say \"\"hi\"\"\"", "say \"hi\"")]
    [InlineData("'a \"b\"'", "a \"b\"")]
    [InlineData("'x AND y OR z'", "x AND y OR z")]
    [InlineData("'modèle ✓'", "modèle ✓")]
    [InlineData("'100%_\\'", "100%_\\")]
    public void Strings_take_single_or_double_quotes_and_doubled_quotes_escape(string literal, string expected)
    {
        var value = Assert.Single(Assert.Single(FilterParser.Parse($"name = {literal}").Terms).Values);

        Assert.Equal(new StringLiteral(expected, 7, literal), value);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("42", 42)]
    [InlineData("-7", -7)]
    [InlineData("+2", 2)]
    [InlineData("3.14", 3.14)]
    [InlineData(".5", 0.5)]
    [InlineData("-0.25", -0.25)]
    [InlineData("5.", 5)]
    [InlineData("1e3", 1000)]
    [InlineData("1.5E-2", 0.015)]
    [InlineData("2e+2", 200)]
    public void Numbers_are_integers_decimals_exponents_and_negatives(string literal, double expected)
    {
        var value = Assert.Single(Assert.Single(FilterParser.Parse($"metrics.auc > {literal}").Terms).Values);

        Assert.Equal(new NumberLiteral(expected, 14, literal), value);
    }

    [Theory]
    [InlineData("NaN", double.NaN)]
    [InlineData("nan", double.NaN)]
    [InlineData("Infinity", double.PositiveInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("1e999", double.PositiveInfinity)]
    public void NaN_and_infinities_parse_so_that_validation_can_refuse_them(string literal, double expected)
    {
        var value = Assert.IsType<NumberLiteral>(Assert.Single(Assert.Single(FilterParser.Parse($"metrics.auc > {literal}").Terms).Values));

        Assert.Equal(expected, value.Value);
        Assert.Equal(literal, value.Text);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("FALSE", false)]
    public void Booleans_are_values(string literal, bool expected) =>
        Assert.Equal(new BooleanLiteral(expected, 11, literal), Assert.Single(Assert.Single(FilterParser.Parse($"archived = {literal}").Terms).Values));

    [Theory]
    [InlineData("tags.team", "tags", "team")]
    [InlineData("tags.`my key`", "tags", "my key")]
    [InlineData("tags.\"my.key\"", "tags", "my.key")]
    [InlineData("tags.`a``b`", "tags", "a`b")]
    [InlineData("tags.\"a\"\"b\"", "tags", "a\"b")]
    [InlineData("tags.`AND`", "tags", "AND")]
    [InlineData("metrics.f1_score", "metrics", "f1_score")]
    [InlineData("metrics.1st", "metrics", "1st")]
    [InlineData("attributes.name", "attributes", "name")]
    [InlineData("created_by", null, "created_by")]
    public void Identifiers_are_bare_or_prefixed_with_bare_or_quoted_keys(string identifier, string? prefix, string name)
    {
        var field = Assert.Single(FilterParser.Parse($"{identifier} = 'x'").Terms).Field;

        Assert.Equal(new FieldReference(prefix, name, 0, identifier), field);
    }

    [Fact]
    public void Parentheses_group_AND_terms_and_flatten_away()
    {
        var terms = FilterParser.Parse("(name = 'a' AND (version = 1)) AND ((tags.x = 'y'))").Terms;

        Assert.Equal(["name", "version", "x"], terms.Select(t => t.Field.Name));
        Assert.Equal(17, terms[1].Field.Position);
    }

    [Fact]
    public void Any_whitespace_separates_and_none_is_needed_around_operators()
    {
        var terms = FilterParser.Parse("\tname='a'\nAND\r\nversion>1   ").Terms;

        Assert.Equal(2, terms.Count);
        Assert.Equal(new FieldReference(null, "version", 15, "version"), terms[1].Field);
    }

    [Fact]
    public void The_limits_themselves_are_allowed()
    {
        var fifty = string.Join(" AND ", Enumerable.Range(0, SearchLimits.MaxConditions).Select(i => $"version != {i}"));
        var hundred = $"version IN ({string.Join(",", Enumerable.Range(0, SearchLimits.MaxInValues))})";
        var longest = $"name = '{new string('x', SearchLimits.MaxFilterLength - 9)}'";

        Assert.Equal(SearchLimits.MaxConditions, FilterParser.Parse(fifty).Terms.Count);
        Assert.Equal(SearchLimits.MaxInValues, Assert.Single(FilterParser.Parse(hundred).Terms).Values.Count);
        Assert.Equal(SearchLimits.MaxFilterLength, longest.Length);
        Assert.Single(FilterParser.Parse(longest).Terms);
    }

    [Theory]
    [InlineData("metrics.auc >", 13, "expected a value after '>' at position 13, found end of filter")]
    [InlineData("name = 'a' AND metrics.auc >= ", 30, "expected a value after '>=' at position 30, found end of filter")]
    [InlineData("name = 'a' OR name = 'b'", 11, "OR at position 11 is not supported: a filter is conditions that must all hold, joined by AND")]
    [InlineData("name = 'a' or name = 'b'", 11, "OR at position 11 is not supported: a filter is conditions that must all hold, joined by AND")]
    [InlineData("name = 'abc", 7, "unterminated string starting at position 7: the closing ' is missing")]
    [InlineData("name = \"it\"\"s", 7, "unterminated string starting at position 7: the closing \" is missing")]
    [InlineData("tags.`abc = 'x'", 5, "unterminated key starting at position 5: the closing ` is missing")]
    [InlineData("tags.`` = 'x'", 5, "the key of 'tags.' at position 5 is empty")]
    [InlineData("tags. = 'x'", 5, "expected a key after 'tags.' at position 5, found a space")]
    [InlineData("tags.", 5, "expected a key after 'tags.' at position 5, found end of filter")]
    [InlineData("= 'x'", 0, "expected an identifier at position 0, found '='")]
    [InlineData("AND = 1", 0, "expected an identifier at position 0, found the keyword 'AND'")]
    [InlineData("9lives = 1", 0, "expected an identifier at position 0, found '9lives'")]
    [InlineData("name = 'a' AND", 14, "expected an identifier after AND at position 14, found end of filter")]
    [InlineData("name = 'a' AND #x = 1", 15, "expected an identifier after AND at position 15, found '#'")]
    [InlineData("name 'x'", 5, "expected a comparison (=, !=, <>, <, <=, >, >=, LIKE, ILIKE, IN, NOT, IS) after 'name' at position 5, found the string 'x'")]
    [InlineData("name", 4, "expected a comparison (=, !=, <>, <, <=, >, >=, LIKE, ILIKE, IN, NOT, IS) after 'name' at position 4, found end of filter")]
    [InlineData("name == 'a'", 6, "expected a value after '=' at position 6, found '='")]
    [InlineData("name = 'a' version = 1", 11, "expected AND or end of filter at position 11, found 'version'")]
    [InlineData("name = 'a')", 10, "unmatched ')' at position 10")]
    [InlineData("(name = 'a'", 11, "expected AND or ')' at position 11 to close the '(' at position 0, found end of filter")]
    [InlineData("(name = 'a' version = 1)", 12, "expected AND or ')' at position 12 to close the '(' at position 0, found 'version'")]
    [InlineData("()", 1, "expected an identifier at position 1, found ')'")]
    [InlineData("name NOT = 'a'", 9, "expected LIKE, ILIKE or IN after NOT at position 9, found '='")]
    [InlineData("name IS 'a'", 8, "expected NULL after IS at position 8, found the string 'a'")]
    [InlineData("name IS NOT", 11, "expected NULL after IS NOT at position 11, found end of filter")]
    [InlineData("name IN 'a'", 8, "expected '(' after IN at position 8, found the string 'a'")]
    [InlineData("name IN ()", 9, "expected a value after 'IN (' at position 9, found ')'")]
    [InlineData("name NOT IN ('a' 'b')", 17, "expected ',' or ')' in the NOT IN list at position 17, found the string 'b'")]
    [InlineData("name IN ('a',)", 13, "expected a value after ',' at position 13, found ')'")]
    [InlineData("name IN ('a'", 12, "expected ',' or ')' in the IN list at position 12, found end of filter")]
    [InlineData("name = fraud", 7, "expected a value after '=' at position 7, found 'fraud'; quote text, as in 'fraud'")]
    [InlineData("name = NULL", 7, "NULL is not a value at position 7: test for a missing value with IS NULL or IS NOT NULL")]
    [InlineData("name = `x`", 7, "expected a value after '=' at position 7, found the quoted key `x`")]
    [InlineData("version = 1.2.3", 10, "malformed number '1.2.3' at position 10")]
    [InlineData("version = 12abc", 10, "malformed number '12abc' at position 10")]
    [InlineData("version = 1e", 10, "malformed number '1e' at position 10")]
    [InlineData("version = -", 10, "expected a value after '=' at position 10, found '-'")]
    [InlineData("tags.my-key = 'x'", 7, "unexpected '-' in 'tags.my-key' at position 7; quote a key that has characters other than letters, digits and '_', as in tags.`my-key`")]
    [InlineData("tags.a.b = 'x'", 6, "unexpected '.' in 'tags.a.b' at position 6; quote a key that has characters other than letters, digits and '_', as in tags.`a.b`")]
    [InlineData("name# = 'x'", 4, "unexpected '#' after 'name' at position 4")]
    [InlineData("tags.`a` b = 'x'", 9, "expected a comparison (=, !=, <>, <, <=, >, >=, LIKE, ILIKE, IN, NOT, IS) after 'tags.`a`' at position 9, found 'b'")]
    public void A_syntax_error_says_what_was_expected_and_found_and_where(string filter, int position, string detail)
    {
        var error = Assert.Throws<SearchFilterException>(() => FilterParser.Parse(filter));

        Assert.Equal(position, error.Position);
        Assert.Equal("filter", error.Argument);
        Assert.Equal($"filter: {detail}", error.Message);
        Assert.Equal(RegistryErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public void A_filter_error_is_a_RegistryException_the_gRPC_adapter_maps_to_invalid_argument()
    {
        RegistryException error = Assert.Throws<SearchFilterException>(() => FilterParser.Parse("name ="));

        Assert.Equal(RegistryErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public void A_long_literal_is_shortened_in_the_message()
    {
        var error = Assert.Throws<SearchFilterException>(() => FilterParser.Parse($"name '{new string('x', 100)}'"));

        Assert.EndsWith($"found the string '{new string('x', 39)}...", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_filter_longer_than_the_limit_is_refused_where_it_goes_past()
    {
        var filter = $"name = '{new string('x', SearchLimits.MaxFilterLength - 8)}'";

        var error = Assert.Throws<SearchFilterException>(() => FilterParser.Parse(filter));

        Assert.Equal(SearchLimits.MaxFilterLength, error.Position);
        Assert.Equal("filter: the filter is 4097 characters long and goes past the limit at position 4096: at most 4096 are allowed", error.Message);
    }

    [Fact]
    public void One_condition_more_than_the_limit_is_refused_at_its_start()
    {
        var filter = string.Join(" AND ", Enumerable.Range(0, SearchLimits.MaxConditions + 1).Select(i => $"version != {i,2}"));

        var error = Assert.Throws<SearchFilterException>(() => FilterParser.Parse(filter));

        // Each condition is "version != nn" (13 characters) followed by " AND " (5).
        Assert.Equal(SearchLimits.MaxConditions * 18, error.Position);
        Assert.Equal("filter: too many conditions: the filter may have at most 50, and one more starts at position 900", error.Message);
    }

    [Fact]
    public void One_IN_value_more_than_the_limit_is_refused_at_its_start()
    {
        var filter = $"version IN ({string.Join(",", Enumerable.Range(100, SearchLimits.MaxInValues + 1))})";

        var error = Assert.Throws<SearchFilterException>(() => FilterParser.Parse(filter));

        // "version IN (" is 12 characters, then each value is "nnn,".
        Assert.Equal(12 + (SearchLimits.MaxInValues * 4), error.Position);
        Assert.Equal("filter: too many values in the IN list: at most 100 are allowed, and one more starts at position 412", error.Message);
    }

    [Fact]
    public void Parentheses_nested_deeper_than_the_limit_are_refused_at_the_one_too_many()
    {
        var filter = new string('(', SearchLimits.MaxNesting + 1) + "name = 'a'" + new string(')', SearchLimits.MaxNesting + 1);

        var error = Assert.Throws<SearchFilterException>(() => FilterParser.Parse(filter));

        Assert.Equal(SearchLimits.MaxNesting, error.Position);
        Assert.Contains("nested more than 10 deep at position 10", error.Message, StringComparison.Ordinal);
        Assert.Single(FilterParser.Parse(filter[1..^1]).Terms);
    }
}
