using Npgsql;

namespace Mlops.Registry.Infrastructure.Caching;

/// <summary>
/// Hears the database announce every change to a model (a trigger sends <c>NOTIFY registry_model_changed, '&lt;model
/// id&gt;'</c> on commit, whichever instance made it) and evicts that model from the cache. The cache is on only while
/// this listener is connected; a lost connection turns it off until listening again.
/// </summary>
internal sealed class RegistryChangeListener(string connectionString, ModelVersionCache cache, ILogger<RegistryChangeListener> logger) : BackgroundService
{
    public const string Channel = "registry_model_changed";

    /// <summary>The listener's connection in <c>pg_stat_activity</c>, whatever query it last ran (LISTEN, or a ping).</summary>
    public const string ApplicationName = "mlops-registry-change-listener";
    private static readonly TimeSpan HealthCheckInterval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException or IOException)
            {
                cache.SetEnabled(false);
                logger.LogWarning("The model cache is off until changes can be heard again: {Reason}", e.Message);
                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
                continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }

            break;
        }

        cache.SetEnabled(false);
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = ApplicationName };
        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(stoppingToken).ConfigureAwait(false);
        connection.Notification += (_, notification) =>
        {
            if (Guid.TryParse(notification.Payload, out var modelId))
            {
                cache.EvictModel(modelId);
            }
            else
            {
                cache.Clear();
            }
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
        }

        // Only now can every later change be heard; what was cached before may be stale, so it starts empty.
        cache.SetEnabled(true);
        while (true)
        {
            if (!await connection.WaitAsync(HealthCheckInterval, stoppingToken).ConfigureAwait(false))
            {
                // Silence may be a dead connection: a round trip tells, and throws if so.
                await using var ping = new NpgsqlCommand("SELECT 1", connection);
                await ping.ExecuteScalarAsync(stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
