using Microsoft.EntityFrameworkCore;
using Mlops.Registry.Infrastructure;
using Mlops.Registry.Infrastructure.Search;
using Mlops.Testing;
using Npgsql;

namespace Mlops.Registry.Tests.Search;

/// <summary>
/// This run's PostgreSQL (only PostgreSQL: the search needs nothing else) with two databases: a scratch table
/// with a column of every kind the test schema has, and the registry's own tables, migrated, for the real mapping.
/// </summary>
public sealed class SearchDatabaseFixture : IAsyncLifetime
{
    // Rows 3 (no team tag, no metrics) and 5 (a metric that is not a number) are the awkward ones.
    private const string ScratchTable = """
        CREATE TABLE scratch_versions (
            id integer PRIMARY KEY,
            name text COLLATE "C" NOT NULL,
            version integer NOT NULL,
            status text NOT NULL,
            created_by text NOT NULL,
            create_time timestamptz NOT NULL,
            description text NULL,
            archived boolean NOT NULL,
            size double precision NOT NULL,
            tags jsonb NOT NULL,
            metrics jsonb NOT NULL,
            params jsonb NOT NULL);
        INSERT INTO scratch_versions VALUES
            (1, 'fraud-a',  1, 'READY',   'alice', '2025-01-01T00:00:00Z', 'first', false, 10, '{"team": "risk", "my key": "x y"}', '{"auc": 0.95, "loss": 0.1}', '{"lr": "0.01"}'),
            (2, 'fraud-b',  2, 'READY',   'bob',   '2025-02-01T00:00:00Z', NULL,    false, 20, '{"team": "growth"}',               '{"auc": 0.85}',              '{}'),
            (3, 'Fraud-C',  3, 'FAILED',  'alice', '2025-03-01T00:00:00Z', NULL,    true,  30, '{}',                               '{}',                         '{}'),
            (4, 'churn_v2', 1, 'PENDING', 'carol', '2025-04-01T00:00:00Z', 'churn', false, 40, '{"team": "risk"}',                 '{"auc": 0.9}',               '{}'),
            (5, 'churnxv2', 2, 'READY',   'carol', '2025-05-01T00:00:00Z', NULL,    false, 50, '{"team": "RISK"}',                 '{"auc": "high"}',            '{}'),
            (6, 'promo%50', 1, 'READY',   'dave',  '2025-06-01T00:00:00Z', NULL,    false, 60, '{"team": "growth", "note": "50% off"}', '{"auc": 0.7, "loss": 0.3}', '{}');
        """;

    private readonly TestInfrastructure _infrastructure = new("mlops-search");

    public NpgsqlDataSource Scratch { get; private set; } = null!;

    public string ScratchConnectionString { get; private set; } = "";

    public string RegistryConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await _infrastructure.StartAsync(servers => [servers.Postgres]);
        ScratchConnectionString = await _infrastructure.CreateDatabaseAsync("search");
        Scratch = NpgsqlDataSource.Create(ScratchConnectionString);
        await using (var create = Scratch.CreateCommand(ScratchTable))
        {
            await create.ExecuteNonQueryAsync();
        }

        RegistryConnectionString = await _infrastructure.CreateDatabaseAsync("registry");
        await using var dbContext = NewRegistryDbContext();
        await dbContext.Database.MigrateAsync();
    }

    public RegistryDbContext NewRegistryDbContext() =>
        new(new DbContextOptionsBuilder<RegistryDbContext>().UseNpgsql(RegistryConnectionString).Options);

    /// <summary>The names of the scratch rows the search selects, in its order, ties broken by id.</summary>
    public async Task<List<string>> NamesAsync(SqlFilter sql)
    {
        var orderBy = sql.OrderBySql.Length == 0 ? "v.id" : $"{sql.OrderBySql}, v.id";
        await using var command = Scratch.CreateCommand($"SELECT v.name FROM scratch_versions v WHERE {sql.WhereSql} ORDER BY {orderBy}");
        command.Parameters.AddRange(sql.Parameters.ToArray());
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    public async Task DisposeAsync()
    {
        if (Scratch is not null)
        {
            await Scratch.DisposeAsync();
        }

        await _infrastructure.DisposeAsync();
    }
}
