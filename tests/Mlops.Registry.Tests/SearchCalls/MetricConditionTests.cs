using Mlops.Registry.Infrastructure.Search;
using Mlops.Registry.Tests.Search;

namespace Mlops.Registry.Tests.SearchCalls;

/// <summary>
/// Metric conditions are jsonpath predicates: on PostgreSQL they must mean what the filter language says — a key
/// that is missing or holds anything but a number matches no comparison — whatever the key's characters.
/// </summary>
public sealed class MetricConditionTests(SearchDatabaseFixture database) : IClassFixture<SearchDatabaseFixture>
{
    private const string Table = """
        CREATE TABLE IF NOT EXISTS metric_paths (id integer PRIMARY KEY, name text NOT NULL, metrics jsonb NOT NULL);
        INSERT INTO metric_paths VALUES
            (1, 'plain',   '{"auc": 0.95}'),
            (2, 'quoted',  '{"a\"b\\c": 1.5, "auc": "0.99"}'),
            (3, 'array',   '{"auc": [0.1, 0.99]}'),
            (4, 'nested',  '{"auc": {"v": 0.99}}'),
            (5, 'empty',   '{}'),
            (6, 'precise', '{"auc": 0.30000000000000004, "x.y": -1e-7}')
        ON CONFLICT DO NOTHING;
        """;

    [Theory]
    [InlineData("metrics.auc > 0.9", "plain")]
    [InlineData("metrics.auc != 0.95", "precise")]
    [InlineData("metrics.auc IN (0.95, 0.5)", "plain")]
    [InlineData("metrics.auc NOT IN (0.95)", "precise")]
    [InlineData("metrics.auc = 0.30000000000000004", "precise")]
    [InlineData("metrics.auc = 0.3", "")]
    [InlineData("metrics.auc < 1 AND metrics.auc >= 0.3", "plain precise")]
    [InlineData("metrics.`a\"b\\c` = 1.5", "quoted")]
    [InlineData("metrics.`x.y` < -0.0000001", "")]
    [InlineData("metrics.`x.y` <= -1e-7", "precise")]
    [InlineData("metrics.`it's\" || true || \"` > 0", "")]
    [InlineData("metrics.auc IS NULL", "quoted array nested empty")]
    public async Task Only_numbers_under_exactly_that_key_are_compared(string filter, string expected)
    {
        await using (var create = database.Scratch.CreateCommand(Table))
        {
            await create.ExecuteNonQueryAsync();
        }

        var sql = SearchSqlTranslator.Translate(TestSchemas.Versions.ParseFilter(filter), [], TestSchemas.Mapping);
        await using var command = database.Scratch.CreateCommand($"SELECT v.name FROM metric_paths v WHERE {sql.WhereSql} ORDER BY v.id");
        command.Parameters.AddRange(sql.Parameters.ToArray());
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), names);
    }
}
