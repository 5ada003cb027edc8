using Mlops.Registry.Application.Search;

namespace Mlops.Registry.Tests.Search;

public sealed class OrderByTests
{
    [Fact]
    public void No_order_by_is_no_clause()
    {
        Assert.Empty(OrderByParser.Parse(null));
        Assert.Empty(OrderByParser.Parse([]));
    }

    [Fact]
    public void Each_element_is_an_identifier_and_an_optional_direction()
    {
        var clauses = OrderByParser.Parse(["metrics.auc DESC", "name", " tags.`my key`  asc ", "version desc"]);

        Assert.Equal(
            [
                new OrderByClause(new FieldReference("metrics", "auc", 0, "metrics.auc"), Descending: true, 0),
                new OrderByClause(new FieldReference(null, "name", 0, "name"), Descending: false, 1),
                new OrderByClause(new FieldReference("tags", "my key", 1, "tags.`my key`"), Descending: false, 2),
                new OrderByClause(new FieldReference(null, "version", 0, "version"), Descending: true, 3),
            ],
            clauses);
    }

    [Theory]
    [InlineData(new[] { "metrics.auc DOWN" }, "order_by[0]", 12, "expected ASC, DESC or end of order_by[0] after 'metrics.auc' at position 12, found 'DOWN'")]
    [InlineData(new[] { "name", "" }, "order_by[1]", 0, "expected an identifier at position 0, found end of order_by[1]")]
    [InlineData(new[] { "name", "   " }, "order_by[1]", 3, "expected an identifier at position 3, found end of order_by[1]")]
    [InlineData(new[] { "name DESC x" }, "order_by[0]", 10, "expected end of order_by[0] after 'name DESC' at position 10, found 'x'")]
    [InlineData(new[] { "name, version" }, "order_by[0]", 4, "expected ASC, DESC or end of order_by[0] after 'name' at position 4, found ','")]
    [InlineData(new[] { "version", "name DESC", "tags.`x" }, "order_by[2]", 5, "unterminated key starting at position 5: the closing ` is missing")]
    [InlineData(new[] { "DESC" }, "order_by[0]", 0, "expected an identifier at position 0, found the keyword 'DESC'")]
    [InlineData(new[] { "'name'" }, "order_by[0]", 0, "expected an identifier at position 0, found the string 'name'")]
    public void A_syntax_error_names_the_element_and_the_position(string[] orderBy, string argument, int position, string detail)
    {
        var error = Assert.Throws<SearchFilterException>(() => OrderByParser.Parse(orderBy));

        Assert.Equal(argument, error.Argument);
        Assert.Equal(position, error.Position);
        Assert.Equal($"{argument}: {detail}", error.Message);
    }

    [Fact]
    public void Up_to_five_clauses_are_allowed_and_a_sixth_is_refused()
    {
        string[] five = ["name", "version", "created_by", "create_time", "status"];

        Assert.Equal(5, OrderByParser.Parse(five).Count);
        var error = Assert.Throws<SearchFilterException>(() => OrderByParser.Parse([.. five, "description"]));
        Assert.Equal("order_by[5]", error.Argument);
        Assert.Equal("order_by[5]: one clause too many at position 0: order_by has 6 clauses and at most 5 are allowed", error.Message);
    }

    [Fact]
    public void A_clause_longer_than_the_limit_is_refused()
    {
        var error = Assert.Throws<SearchFilterException>(() => OrderByParser.Parse([$"tags.`{new string('k', SearchLimits.MaxOrderByLength)}`"]));

        Assert.Equal(SearchLimits.MaxOrderByLength, error.Position);
        Assert.StartsWith("order_by[0]: the clause is 519 characters long", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validated_clauses_resolve_aliases_and_keep_the_direction()
    {
        var fields = TestSchemas.Versions.ParseOrderBy(["metric.auc DESC", "attributes.name", "tag.`team`"]);

        Assert.Equal(
            [
                new OrderByField(new SearchField("metrics", "auc", SearchValueType.Number), Descending: true),
                new OrderByField(new SearchField("name", null, SearchValueType.Text), Descending: false),
                new OrderByField(new SearchField("tags", "team", SearchValueType.Text), Descending: false),
            ],
            fields);
    }

    [Theory]
    [InlineData(new[] { "name", "nmae DESC" }, "order_by[1]", 0, "unknown identifier 'nmae' at position 0;")]
    [InlineData(new[] { "  tags" }, "order_by[0]", 2, "'tags' at position 2 needs a key, as in tags.<key>")]
    [InlineData(new[] { "metrics.auc", "name", "metric.auc DESC" }, "order_by[2]", 0, "'metric.auc' at position 0 is already ordered by in order_by[0]")]
    [InlineData(new[] { "foo.bar" }, "order_by[0]", 0, "unknown identifier 'foo.bar' at position 0: 'foo' is no prefix this search knows")]
    public void A_clause_the_schema_does_not_know_names_the_element_and_the_position(string[] orderBy, string argument, int position, string detail)
    {
        var error = Assert.Throws<SearchFilterException>(() => TestSchemas.Versions.ParseOrderBy(orderBy));

        Assert.Equal(argument, error.Argument);
        Assert.Equal(position, error.Position);
        Assert.StartsWith($"{argument}: {detail}", error.Message, StringComparison.Ordinal);
    }
}
