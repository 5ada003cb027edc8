using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Mlops.Deployment.Application;
using Mlops.Deployment.Infrastructure;

namespace Mlops.Deployment.Gateway;

/// <summary>
/// Keeps the gateway in step with the database: loads new deployments, unloads deleted ones, retries failed loads
/// with back-off and republishes the routes when traffic changes. It reads the database every
/// <see cref="GatewayOptions.RefreshInterval"/> (other instances' changes) and at once when this instance's own
/// stores nudge it.
/// </summary>
public sealed class GatewayReconciler(
    IServiceScopeFactory scopes,
    GatewayTable table,
    GatewaySignal signal,
    DeploymentModelLoader loader,
    TimeProvider timeProvider,
    IOptions<GatewayOptions> options,
    ILogger<GatewayReconciler> logger) : BackgroundService
{
    private readonly Dictionary<(string Endpoint, string Name), ServedDeployment> _served = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.RefreshInterval;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await ReconcileAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // The database may be restarting: what is served stays served until it answers again.
                    logger.LogWarning(e, "The gateway could not read the deployments; it keeps serving what it has");
                }

                await signal.WaitAsync(interval, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var deployment in _served.Values)
            {
                await deployment.UnloadAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        List<DeploymentEntity> deployments;
        List<TrafficEntity> traffic;
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<DeploymentDbContext>();
            deployments = await db.Deployments.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
            traffic = await db.Traffic.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var wanted = deployments.Select(d => d.ToInfo()).ToDictionary(d => (d.Endpoint, d.Name));
        var removed = _served.Where(s => !wanted.TryGetValue(s.Key, out var info) || !s.Value.IsSame(info)).ToList();
        foreach (var (key, _) in removed)
        {
            _served.Remove(key);
        }

        var now = timeProvider.GetUtcNow();
        foreach (var (key, info) in wanted)
        {
            if (!_served.TryGetValue(key, out var served))
            {
                served = new ServedDeployment(info);
                _served[key] = served;
                StartLoad(served);
            }
            else if (served.Readiness.State == ServingState.Failed && !served.IsLoading && served.NextAttempt <= now)
            {
                StartLoad(served);
            }
        }

        var trafficByEndpoint = traffic.ToDictionary(t => t.Endpoint, StringComparer.Ordinal);
        var endpoints = _served.Values.GroupBy(d => d.Info.Endpoint, StringComparer.Ordinal).Select(d => d.Key)
            .Union(trafficByEndpoint.Keys, StringComparer.Ordinal)
            .Select(endpoint =>
            {
                var byName = _served.Values.Where(d => d.Info.Endpoint == endpoint).ToFrozenDictionary(d => d.Name, StringComparer.Ordinal);
                var split = trafficByEndpoint.GetValueOrDefault(endpoint);
                return split is null
                    ? new EndpointRoutes(endpoint, byName, new Dictionary<string, int>(), new Dictionary<string, int>(), string.Empty)
                    : new EndpointRoutes(endpoint, byName, TrafficJson.Read(split.Weights), TrafficJson.Read(split.Mirrors), split.StickyHeader);
            })
            .ToFrozenDictionary(e => e.Name, StringComparer.Ordinal);
        table.Publish(endpoints);

        // Only once the routes no longer lead to them: a request never finds a deployment that is being unloaded.
        foreach (var (key, served) in removed)
        {
            logger.LogInformation("Unloading deployment {Deployment} of endpoint {Endpoint}", key.Name, key.Endpoint);
            await served.UnloadAsync().ConfigureAwait(false);
        }
    }

    private void StartLoad(ServedDeployment served)
    {
        served.IsLoading = true;
        _ = Task.Run(async () =>
        {
            var info = served.Info;
            try
            {
                var model = await loader.LoadAsync(info, served.Unloaded).ConfigureAwait(false);
                if (served.Unloaded.IsCancellationRequested)
                {
                    await model.DisposeAsync().ConfigureAwait(false);
                    return;
                }

                served.SetReady(model);
                logger.LogInformation("Deployment {Deployment} of endpoint {Endpoint} is ready", info.Name, info.Endpoint);
            }
            catch (OperationCanceledException) when (served.Unloaded.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                var reason = e is ModelLoadException ? e.Message : $"Loading failed unexpectedly: {e.GetType().Name}: {e.Message}";
                served.SetFailed(reason, timeProvider.GetUtcNow(), options.Value.MaxRetryDelay);
                logger.LogWarning("Deployment {Deployment} of endpoint {Endpoint} failed to load (attempt {Attempt}, next at {Next}): {Reason}",
                    info.Name, info.Endpoint, served.FailedAttempts, served.NextAttempt, reason);
            }
            finally
            {
                served.IsLoading = false;
                table.NotifyChanged();
            }
        });
    }
}
