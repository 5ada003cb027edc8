using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Mlops.Registry.Application.Uploads;

namespace Mlops.Registry.Infrastructure.Uploads;

/// <summary>One upload's lease, renewed every <paramref name="renewInterval"/> until disposed.</summary>
internal sealed partial class UploadLease : IUploadLease
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _renewals;

    public UploadLease(Guid versionId, IServiceScopeFactory scopeFactory, TimeSpan renewInterval, TimeProvider timeProvider, ILogger logger)
    {
        Lost = _lost.Token;
        _renewals = RenewAsync(versionId, scopeFactory, renewInterval, timeProvider, logger);
    }

    public CancellationToken Lost { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewals.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
        _lost.Dispose();
    }

    private async Task RenewAsync(Guid versionId, IServiceScopeFactory scopeFactory, TimeSpan renewInterval, TimeProvider timeProvider, ILogger logger)
    {
        using var timer = new PeriodicTimer(renewInterval, timeProvider);
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
        {
            try
            {
                await using var scope = scopeFactory.CreateAsyncScope();
                var dbContext = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
                var renewed = await dbContext.Database.ExecuteSqlAsync(
                    $"UPDATE model_versions SET upload_heartbeat_at = now() WHERE id = {versionId} AND status = {ModelVersionStatuses.PendingUpload}",
                    _stop.Token).ConfigureAwait(false);
                if (renewed == 0)
                {
                    LogLost(logger, versionId);
                    await _lost.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
            catch (DbException e)
            {
                // The database may be back before the lease runs out; if not, the sweeper settles the upload.
                LogRenewFailed(logger, e, versionId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The upload of version row {VersionId} is no longer pending (its lease ran out and it was swept); stopping it")]
    private static partial void LogLost(ILogger logger, Guid versionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the lease of the upload of version row {VersionId}")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, Guid versionId);
}
