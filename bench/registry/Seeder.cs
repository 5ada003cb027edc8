using System.Diagnostics;
using Npgsql;

namespace Mlops.Bench.Registry;

/// <summary>
/// Fills the registry's database straight through SQL: 100,000 versions through the API would take most of an hour
/// and measure uploads, not reads. The rows look like real ones (tags, metrics, digests) so searches do real work.
/// </summary>
internal static class Seeder
{
    public const string Workspace = "bench";
    public static readonly string[] Teams = ["risk", "growth", "fraud", "ops", "search"];

    public static async Task<TimeSpan> SeedAsync(string connectionString, int models, int versionsPerModel)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandTimeout = 600;
        command.CommandText = """
            INSERT INTO workspaces (name, description, created_by, create_time)
            VALUES (@workspace, 'benchmark data', 'bench', now());

            INSERT INTO models (id, workspace, name, description, tags, created_by, create_time, update_time, latest_version)
            SELECT gen_random_uuid(), @workspace,
                   (ARRAY['fraud','churn','ranking','pricing'])[1 + m % 4] || '-' || lpad(m::text, 5, '0'),
                   'model ' || m,
                   jsonb_build_object('team', (@teams)[1 + m % 5], 'tier', (m % 3)::text),
                   'bench', now() - make_interval(secs => m), now() - make_interval(secs => m), @versions
            FROM generate_series(0, @models - 1) AS m;

            -- The trigger copies each model's workspace and name into its versions. Metrics spread evenly over
            -- [0.5, 1) (auc) so that "metrics.auc > 0.9" keeps a fifth; one version in ten is approved.
            INSERT INTO model_versions (id, model_id, version, description, tags, artifact_sha256, artifact_size_bytes,
                                        artifact_file_name, artifact_blob_name, created_by, create_time, update_time,
                                        flavor, framework, metrics, params, approval_status)
            SELECT gen_random_uuid(), m.id, v, 'version ' || v,
                   jsonb_build_object('team', m.tags ->> 'team', 'stage', (ARRAY['dev','candidate','prod'])[1 + v % 3]),
                   encode(sha256((m.name || v)::bytea), 'hex'), 1024 * v, 'model.bin',
                   'models/' || replace(m.id::text, '-', '') || '/uploads/seed' || v, 'bench',
                   m.create_time + make_interval(secs => v), m.create_time + make_interval(secs => v),
                   'xgboost', 'xgboost',
                   jsonb_build_object('auc', 0.5 + ((hashtext(m.name || v) & 1023) / 2048.0), 'f1', 0.4 + (v % 50) / 100.0),
                   jsonb_build_object('max_depth', (3 + v % 6)::text, 'eta', '0.1'),
                   CASE WHEN v % 10 = 0 THEN 'APPROVED' ELSE 'PENDING_MANUAL_APPROVAL' END
            FROM models m CROSS JOIN generate_series(1, @versions) AS v
            WHERE m.workspace = @workspace;

            ANALYZE models;
            ANALYZE model_versions;
            """;
        command.Parameters.AddWithValue("workspace", Workspace);
        command.Parameters.AddWithValue("teams", Teams);
        command.Parameters.AddWithValue("models", models);
        command.Parameters.AddWithValue("versions", versionsPerModel);
        await command.ExecuteNonQueryAsync();
        return stopwatch.Elapsed;
    }

    public static async Task<IReadOnlyList<string>> ModelNamesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT name FROM models WHERE workspace = @workspace ORDER BY name", connection);
        command.Parameters.AddWithValue("workspace", Workspace);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
