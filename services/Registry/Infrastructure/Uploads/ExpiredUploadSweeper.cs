using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Mlops.EventContracts;
using Mlops.Registry.Application;
using Mlops.Registry.Application.Audit;

namespace Mlops.Registry.Infrastructure.Uploads;

/// <summary>
/// Gives up the uploads nobody is receiving any more (the instance crashed or was killed mid-upload): once an upload's
/// lease is older than <see cref="UploadOptions.Lease"/>, its blobs (committed files and uncommitted blocks) are deleted
/// and its version is marked FAILED, so no partial artifact stays and no version is left pending forever. Runs at start
/// and every <see cref="UploadOptions.SweepInterval"/>. Several instances may sweep at once: each locks the rows it
/// takes (FOR UPDATE SKIP LOCKED) and skips those another instance holds, so every upload is swept once, and an upload
/// that is being completed (its row locked) is never swept from under it.
/// </summary>
internal sealed partial class ExpiredUploadSweeper(
    IServiceScopeFactory scopeFactory,
    IOptions<UploadOptions> options,
    TimeProvider timeProvider,
    ILogger<ExpiredUploadSweeper> logger) : BackgroundService
{
    public const int BatchSize = 20;

    /// <summary>Who the audit trail names for what the sweeper does.</summary>
    public const string Actor = "registry";

    /// <summary>Sweeps one batch of expired uploads; returns how many it marked FAILED.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var dbContext = services.GetRequiredService<RegistryDbContext>();
        var artifacts = services.GetRequiredService<IArtifactStore>();
        var audit = services.GetRequiredService<IAuditLog>();
        var lease = options.Value.Lease;

        await using var transaction = await dbContext.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var expired = await dbContext.Database.SqlQuery<ExpiredUpload>($"""
            SELECT v.id AS "Id", v.model_id AS "ModelId", v.version AS "Version", m.workspace AS "Workspace", m.name AS "ModelName", v.created_by AS "CreatedBy"
            FROM model_versions v JOIN models m ON m.id = v.model_id
            WHERE v.status = {ModelVersionStatuses.PendingUpload} AND v.upload_heartbeat_at < now() - {lease}
            ORDER BY v.upload_heartbeat_at
            LIMIT {BatchSize}
            FOR UPDATE OF v SKIP LOCKED
            """).ToListAsync(cancellationToken).ConfigureAwait(false);

        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"the upload stopped before it completed: no sign of life from the registry receiving it for {lease.TotalSeconds:0.###} s (it stopped or lost the connection); its partial artifact was deleted");
        var swept = new List<Guid>();
        foreach (var upload in expired)
        {
            // Blobs first: a row marked FAILED is never swept again, so it must not be marked while blobs remain.
            if (!await artifacts.DeleteUploadAsync(upload.ModelId, upload.Id, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            swept.Add(upload.Id);
            dbContext.MarkModelChanged(upload.ModelId);
            audit.Record(new AuditEntry(
                upload.Workspace,
                Actor,
                "model_version.upload_failed",
                EventSubjects.ModelVersion(upload.Workspace, upload.ModelName, upload.Version),
                Timestamps.Now(timeProvider),
                new Dictionary<string, string> { ["uploaded_by"] = upload.CreatedBy }));
            LogSwept(logger, upload.Version, upload.ModelName, upload.Workspace);
        }

        await dbContext.ModelVersions.Where(version => swept.Contains(version.Id)).ExecuteUpdateAsync(
            setters => setters
                .SetProperty(version => version.Status, ModelVersionStatuses.Failed)
                .SetProperty(version => version.StatusMessage, message)
                .SetProperty(version => version.UploadHeartbeatAt, (DateTimeOffset?)null),
            cancellationToken).ConfigureAwait(false);
        await dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return swept.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, timeProvider);
        do
        {
            try
            {
                while (await SweepOnceAsync(stoppingToken).ConfigureAwait(false) == BatchSize)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next round tries again; a sweeper that stopped for good would let crashed uploads pile up.
                LogSweepFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload of version {Version} of model '{ModelName}' in workspace '{Workspace}' expired: blobs deleted, version FAILED")]
    private static partial void LogSwept(ILogger logger, int version, string modelName, string workspace);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping expired uploads failed; trying again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
