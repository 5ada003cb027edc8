using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mlops.Deployment.Application;

/// <summary>
/// Advances promotions, one step per claim: a few workers each lease a due promotion (so no two instances, nor two
/// workers, ever run the same step), run its step, and look again; idle, they poll. Nothing lives only in memory: a
/// killed instance's promotions wait for their lease to expire (or, waiting at the gate or in a bake, hold none) and
/// are taken up by whichever instance runs next.
/// </summary>
public sealed partial class PromotionRunner(
    IServiceScopeFactory scopeFactory, IOptions<PromotionOptions> options, TimeProvider timeProvider, ILogger<PromotionRunner> logger) : BackgroundService
{
    private const int Workers = 4;
    private readonly PromotionOptions _options = options.Value;
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var advanced = false;
            try
            {
                advanced = await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database away, say: the lease (if any) expires and the step is retried, here or elsewhere.
                LogFailed(logger, e);
            }

            if (!advanced)
            {
                try
                {
                    await Task.Delay(_options.PollInterval, timeProvider, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        PromotionInfo? claimed;
        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            var now = Timestamps.Now(timeProvider);
            claimed = await scope.ServiceProvider.GetRequiredService<IPromotionStore>().ClaimAsync(_owner, now, now + _options.Lease, stoppingToken).ConfigureAwait(false);
        }

        if (claimed is null)
        {
            return false;
        }

        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PromotionStepper>().RunAsync(claimed, _owner, stoppingToken).ConfigureAwait(false);
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A promotion step failed unexpectedly; it is retried once its lease expires")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
