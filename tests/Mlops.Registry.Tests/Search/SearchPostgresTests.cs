using Microsoft.EntityFrameworkCore;
using Mlops.Registry.Application;
using Mlops.Registry.Application.Search;
using Mlops.Registry.Infrastructure;
using Mlops.Registry.Infrastructure.Search;
using Mlops.Registry.Infrastructure.Versions;
using Mlops.Registry.Infrastructure.Workspaces;
using Npgsql;

namespace Mlops.Registry.Tests.Search;

/// <summary>The translated SQL run on PostgreSQL: which rows each filter selects, and in which order.</summary>
public sealed class SearchPostgresTests(SearchDatabaseFixture database) : IClassFixture<SearchDatabaseFixture>
{
    private const string All = "fraud-a fraud-b Fraud-C churn_v2 churnxv2 promo%50";

    private Task<List<string>> NamesAsync(string filter, params string[] orderBy) =>
        database.NamesAsync(SearchSqlTranslator.Translate(TestSchemas.Versions.ParseFilter(filter), TestSchemas.Versions.ParseOrderBy(orderBy), TestSchemas.Mapping));

    [Theory]
    [InlineData("", All)]
    [InlineData("name = 'fraud-b'", "fraud-b")]
    [InlineData("name LIKE 'fraud%'", "fraud-a fraud-b")]
    [InlineData("name ILIKE 'fraud%'", "fraud-a fraud-b Fraud-C")]
    [InlineData("name NOT LIKE 'fraud%'", "Fraud-C churn_v2 churnxv2 promo%50")]
    [InlineData("name NOT ILIKE 'FRAUD%'", "churn_v2 churnxv2 promo%50")]
    [InlineData("name LIKE 'churn_v2'", "churn_v2 churnxv2")]
    [InlineData("name LIKE 'churn\\_v2'", "churn_v2")]
    [InlineData("name LIKE '%\\%%'", "promo%50")]
    [InlineData("tags.note LIKE '50\\% %'", "promo%50")]
    [InlineData("name != 'fraud-a' AND name <> 'fraud-b'", "Fraud-C churn_v2 churnxv2 promo%50")]
    [InlineData("created_by IN ('alice', 'dave')", "fraud-a Fraud-C promo%50")]
    [InlineData("name = 'x''; DROP TABLE scratch_versions; --'", "")]
    public Task Text_attributes_compare_exactly_or_by_pattern(string filter, string expected) => AssertNamesAsync(filter, expected);

    [Theory]
    [InlineData("tags.team = 'risk'", "fraud-a churn_v2")]
    [InlineData("tags.team ILIKE 'risk'", "fraud-a churn_v2 churnxv2")]
    [InlineData("tags.team != 'risk'", "fraud-b churnxv2 promo%50")]
    [InlineData("tags.team NOT LIKE 'r%'", "fraud-b churnxv2 promo%50")]
    [InlineData("tags.team IN ('risk', 'growth')", "fraud-a fraud-b churn_v2 promo%50")]
    [InlineData("tags.team NOT IN ('risk')", "fraud-b churnxv2 promo%50")]
    [InlineData("tags.team IS NULL", "Fraud-C")]
    [InlineData("tags.team IS NOT NULL", "fraud-a fraud-b churn_v2 churnxv2 promo%50")]
    [InlineData("tags.`my key` = 'x y'", "fraud-a")]
    [InlineData("tag.team = 'growth' AND tags.missing IS NULL", "fraud-b promo%50")]
    [InlineData("params.lr = '0.01'", "fraud-a")]
    [InlineData("params.lr != '0.01'", "")]
    public Task A_row_without_the_tag_matches_only_IS_NULL(string filter, string expected) => AssertNamesAsync(filter, expected);

    [Theory]
    [InlineData("metrics.auc > 0.9", "fraud-a")]
    [InlineData("metrics.auc >= 0.9", "fraud-a churn_v2")]
    [InlineData("metrics.auc <= 0.9", "fraud-b churn_v2 promo%50")]
    [InlineData("metrics.auc < 1e3", "fraud-a fraud-b churn_v2 promo%50")]
    [InlineData("metrics.auc = 0.85", "fraud-b")]
    [InlineData("metrics.auc != 0.95", "fraud-b churn_v2 promo%50")]
    [InlineData("metrics.auc NOT IN (0.95, 0.85)", "churn_v2 promo%50")]
    [InlineData("metrics.auc IN (0.7, 0.9)", "churn_v2 promo%50")]
    [InlineData("metrics.auc IS NULL", "Fraud-C churnxv2")]
    [InlineData("metrics.loss < 0.2", "fraud-a")]
    [InlineData("metrics.auc > 0.8 AND metrics.loss > 0", "fraud-a")]
    public Task A_missing_or_non_numeric_metric_matches_no_comparison(string filter, string expected) => AssertNamesAsync(filter, expected);

    [Theory]
    [InlineData("version IN (1, 3)", "fraud-a Fraud-C churn_v2 promo%50")]
    [InlineData("version > 1", "fraud-b Fraud-C churnxv2")]
    [InlineData("status = 'pending'", "churn_v2")]
    [InlineData("status NOT IN ('failed')", "fraud-a fraud-b churn_v2 churnxv2 promo%50")]
    [InlineData("create_time >= '2025-03-01' AND create_time < 1746057600000", "Fraud-C churn_v2")]
    [InlineData("create_time = '2025-02-01T01:00:00+01:00'", "fraud-b")]
    [InlineData("create_time IN ('2025-01-01', 1748736000000)", "fraud-a promo%50")]
    [InlineData("description IS NULL", "fraud-b Fraud-C churnxv2 promo%50")]
    [InlineData("description = 'churn'", "churn_v2")]
    [InlineData("archived = true", "Fraud-C")]
    [InlineData("size > 25 AND size <= 50", "Fraud-C churn_v2 churnxv2")]
    [InlineData("name LIKE 'fraud%' AND tags.team = 'risk' AND metrics.auc > 0.9", "fraud-a")]
    [InlineData("(name ILIKE 'f%' AND (archived = false))", "fraud-a fraud-b")]
    public Task Numbers_times_enums_and_booleans_compare_as_their_types(string filter, string expected) => AssertNamesAsync(filter, expected);

    [Theory]
    [InlineData(new[] { "metrics.auc DESC" }, "fraud-a churn_v2 fraud-b promo%50 Fraud-C churnxv2")]
    [InlineData(new[] { "metrics.auc" }, "promo%50 fraud-b churn_v2 fraud-a Fraud-C churnxv2")]
    [InlineData(new[] { "metrics.loss DESC", "name DESC" }, "promo%50 fraud-a fraud-b churnxv2 churn_v2 Fraud-C")]
    [InlineData(new[] { "version DESC", "create_time" }, "Fraud-C fraud-b churnxv2 fraud-a churn_v2 promo%50")]
    [InlineData(new[] { "create_time DESC" }, "promo%50 churnxv2 churn_v2 Fraud-C fraud-b fraud-a")]
    [InlineData(new[] { "description" }, "churn_v2 fraud-a fraud-b Fraud-C churnxv2 promo%50")]
    [InlineData(new[] { "description DESC" }, "fraud-a churn_v2 fraud-b Fraud-C churnxv2 promo%50")]
    public Task Ordering_puts_missing_values_last_in_either_direction(string[] orderBy, string expected) => AssertNamesAsync("", expected, orderBy);

    [Fact]
    public async Task Ordering_by_a_tag_combines_with_a_filter()
    {
        // 'RISK' is left out: how it sorts against 'risk' depends on the database's collation.
        var names = await NamesAsync("name != 'churnxv2'", "tags.team DESC", "name DESC");

        Assert.Equal(["fraud-a", "churn_v2", "promo%50", "fraud-b", "Fraud-C"], names);
    }

    [Fact]
    public async Task An_injected_value_is_only_compared_and_the_table_survives()
    {
        Assert.Empty(await NamesAsync("tags.`x'; DROP TABLE scratch_versions; --` = 'y''); DROP TABLE scratch_versions; --'"));

        Assert.Equal(6, (await NamesAsync("")).Count);
    }

    [Theory]
    [InlineData("metrics.auc > NaN")]
    [InlineData("metrics.auc < Infinity")]
    [InlineData("metrics.auc > 1e400")]
    [InlineData("metrics.auc > 'high'")]
    public void NaN_infinities_and_strings_never_reach_the_database_as_metrics(string filter) =>
        Assert.Throws<SearchFilterException>(() => TestSchemas.Versions.ParseFilter(filter));

    [Fact]
    public async Task The_translation_runs_through_EF_Core_raw_SQL_with_its_parameters_used_twice()
    {
        var sql = SearchSqlTranslator.Translate(TestSchemas.Versions.ParseFilter("tags.team = 'risk'"), [], TestSchemas.Mapping);
        await using var dbContext = new RegistryDbContext(new DbContextOptionsBuilder<RegistryDbContext>().UseNpgsql(database.ScratchConnectionString).Options);

        var query = $"SELECT v.name AS \"Value\" FROM scratch_versions v WHERE {sql.WhereSql} ORDER BY v.id";
        var names = await dbContext.Database.SqlQueryRaw<string>(query, sql.CloneParameters()).ToListAsync();
        var countQuery = $"SELECT count(*)::int AS \"Value\" FROM scratch_versions v WHERE {sql.WhereSql}";
        var count = await dbContext.Database.SqlQueryRaw<int>(countQuery, sql.CloneParameters()).SingleAsync();

        Assert.Equal(["fraud-a", "churn_v2"], names);
        Assert.Equal(2, count);
    }

    [Fact]
    public async Task The_registry_schema_for_models_maps_onto_the_real_models_table()
    {
        var workspace = $"search-{Guid.NewGuid():N}"[..20];
        var elsewhere = $"elsewhere-{Guid.NewGuid():N}"[..20];
        var time = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
        await using (var dbContext = database.NewRegistryDbContext())
        {
            dbContext.Workspaces.AddRange(
                new WorkspaceEntity { Name = workspace, Description = "", CreatedBy = "test", CreateTime = time },
                new WorkspaceEntity { Name = elsewhere, Description = "", CreatedBy = "test", CreateTime = time });
            dbContext.Models.AddRange(
                Model(workspace, "fraud", "alice", time, 2, new() { ["team"] = "risk" }),
                Model(workspace, "fraud-v2", "bob", time.AddDays(1), 0, new() { ["team"] = "growth" }),
                Model(workspace, "churn", "alice", time.AddDays(2), 5, []),
                Model(elsewhere, "fraud", "alice", time, 1, new() { ["team"] = "risk" }));
            await dbContext.SaveChangesAsync();
        }

        var mapping = EfRegistrySearchStore.ModelMapping;
        mapping.EnsureCovers(RegistrySearchSchemas.Models);

        async Task<List<string>> SearchAsync(string filter, params string[] orderBy)
        {
            var schema = RegistrySearchSchemas.Models;
            var sql = SearchSqlTranslator.Translate(schema.ParseFilter(filter), schema.ParseOrderBy(orderBy), mapping);
            var order = sql.OrderBySql.Length == 0 ? "m.name" : $"{sql.OrderBySql}, m.name";
            var query = $"SELECT m.* FROM models m WHERE m.workspace = @workspace AND {sql.WhereSql} ORDER BY {order}";
            await using var dbContext = database.NewRegistryDbContext();
            var models = await dbContext.Models.FromSqlRaw(query, [new NpgsqlParameter("workspace", workspace), .. sql.Parameters]).AsNoTracking().ToListAsync();
            return models.ConvertAll(m => m.Name);
        }

        Assert.Equal(["fraud", "fraud-v2"], await SearchAsync("name LIKE 'fraud%'"));
        Assert.Equal(["fraud"], await SearchAsync("tags.team = 'risk' AND latest_version >= 1"));
        Assert.Equal(["fraud-v2"], await SearchAsync("tags.team != 'risk'"));
        Assert.Equal(["churn"], await SearchAsync("tags.team IS NULL"));
        Assert.Equal(["churn", "fraud-v2"], await SearchAsync("create_time > '2025-03-01T00:00:00Z'"));
        Assert.Equal(["fraud", "fraud-v2", "churn"], await SearchAsync("", "tags.team DESC"));
        Assert.Equal(["churn", "fraud", "fraud-v2"], await SearchAsync("created_by IN ('alice', 'bob')", "latest_version DESC"));
    }

    private static ModelEntity Model(string workspace, string name, string createdBy, DateTimeOffset createTime, int latestVersion, Dictionary<string, string> tags) => new()
    {
        Id = Guid.NewGuid(),
        Workspace = workspace,
        Name = name,
        Description = "",
        Tags = tags,
        CreatedBy = createdBy,
        CreateTime = createTime,
        LatestVersion = latestVersion,
    };

    private async Task AssertNamesAsync(string filter, string expected, params string[] orderBy)
    {
        var names = await NamesAsync(filter, orderBy);

        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), names);
    }
}
