using System.Net;
using Mlops.LocalInfrastructure.Processes;
using Mlops.LocalInfrastructure.Tests.Infrastructure;
using Npgsql;

namespace Mlops.LocalInfrastructure.Tests;

public sealed class PostgresServerTests
{
    [Fact]
    public async Task Starts_answers_is_found_again_survives_a_crash_and_stops()
    {
        await using var state = TestState.Create("pg");
        var postgres = new PostgresServer(state.Options);

        await postgres.StartAsync();
        var status = await postgres.GetStatusAsync();
        Assert.Equal(ResourceState.Running, status.State);
        var pid = Assert.IsType<int>(status.ProcessId);
        Assert.Contains($"127.0.0.1:{postgres.Port}", Assert.Single(status.Endpoints), StringComparison.Ordinal);
        Assert.Equal([IPAddress.Loopback], Listeners.On(postgres.Port));
        Assert.Equal(1, await ScalarAsync(postgres.ConnectionString("postgres"), "SELECT 1"));

        await postgres.EnsureDatabaseAsync("registrydb");
        await postgres.EnsureDatabaseAsync("registrydb");
        Assert.Equal("registrydb", await ScalarAsync(postgres.ConnectionString("registrydb"), "SELECT current_database()"));

        await postgres.StartAsync();
        Assert.Equal(pid, (await postgres.GetStatusAsync()).ProcessId);

        // A crash leaves postmaster.pid behind, naming a pid that is gone (or a zombie nobody reaps).
        await ProcessTable.KillAsync(pid);
        Assert.True(File.Exists(Path.Combine(postgres.DataDirectory, "postmaster.pid")));
        var afterCrash = await postgres.GetStatusAsync();
        Assert.Equal(ResourceState.Stopped, afterCrash.State);
        Assert.Contains("stale", afterCrash.Detail, StringComparison.Ordinal);

        await postgres.StartAsync();
        var restarted = Assert.IsType<int>((await postgres.GetStatusAsync()).ProcessId);
        Assert.NotEqual(pid, restarted);
        Assert.Equal("registrydb", await ScalarAsync(postgres.ConnectionString("registrydb"), "SELECT current_database()"));

        await postgres.StopAsync();
        Assert.False(ProcessTable.IsAlive(restarted));
        Assert.False(File.Exists(Path.Combine(postgres.DataDirectory, "postmaster.pid")));
        Assert.Equal(ResourceState.Stopped, (await postgres.GetStatusAsync()).State);
        Assert.Empty(TestState.ProcessesOf(state.Directory));
        await postgres.StopAsync();
    }

    [Fact]
    public async Task A_start_that_fails_names_the_reason_shows_the_log_and_leaves_nothing_running()
    {
        await using var state = TestState.Create("pgfail");
        var postgres = new PostgresServer(state.Options);
        await postgres.StartAsync();
        await postgres.StopAsync();
        await File.WriteAllTextAsync(Path.Combine(postgres.DataDirectory, "PG_VERSION"), "99\n");

        var error = await Assert.ThrowsAsync<LocalResourceException>(() => postgres.StartAsync());

        Assert.Equal("postgres", error.Resource);
        Assert.Contains("pg_ctl start failed", error.Reason, StringComparison.Ordinal);
        Assert.Contains("incompatible", error.LogTail, StringComparison.Ordinal);
        Assert.Contains(error.LogTail!, error.Message, StringComparison.Ordinal);
        Assert.Equal(ResourceState.Stopped, (await postgres.GetStatusAsync()).State);
        Assert.Empty(TestState.ProcessesOf(state.Directory));
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
