using Microsoft.Extensions.Logging;
using Mlops.EventContracts;

namespace Mlops.Deployment.Application;

/// <summary>What events do to promotions: an approved version starts one along its model's route; an alert about a deployment being rolled out rolls it back.</summary>
public sealed partial class PromotionTriggers(IPromotionStore store, ITrafficStore traffic, TimeProvider timeProvider, ILogger<PromotionTriggers> logger)
{
    /// <summary>Starts nothing (and logs why) for a model without a route, or while another promotion of the model runs.</summary>
    public async Task<PromotionInfo?> StartAsync(ModelVersionApproved approved, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approved);
        var route = await store.FindRouteAsync(approved.Workspace, approved.ModelName, cancellationToken).ConfigureAwait(false);
        if (route is null)
        {
            LogNoRoute(logger, approved.ModelName, approved.VersionNumber, approved.Workspace);
            return null;
        }

        var running = await store.ListAsync(approved.Workspace, approved.ModelName, PromotionState.Running, null, 1, cancellationToken).ConfigureAwait(false);
        if (running.Count > 0)
        {
            LogBusy(logger, approved.ModelName, approved.VersionNumber, running[0].Id);
            return null;
        }

        var started = PromotionUseCases.Start(route, approved.VersionNumber, approved.VersionCreatedBy, PromotionInfo.ApprovedTrigger, Timestamps.Now(timeProvider));
        return await store.AddAsync(started, approved.EventId, cancellationToken).ConfigureAwait(false) ? started.Promotion : null;
    }

    /// <summary>Restores the split each affected promotion replaced and ends it ROLLED_BACK; the number rolled back.</summary>
    public async Task<int> RollBackAsync(DeploymentAlertRaised alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var rolledBack = 0;
        foreach (var id in await store.FindRollingOutAsync(alert.Endpoint, alert.Deployment, cancellationToken).ConfigureAwait(false))
        {
            var changed = await store.AdvanceAsync(
                id,
                leaseOwner: null,
                async promotion =>
                {
                    if (!promotion.IsRunning || promotion.Step != PromotionStep.Rollout)
                    {
                        return null;
                    }

                    var now = Timestamps.Now(timeProvider);
                    var current = await traffic.FindAsync(alert.Endpoint, CancellationToken.None).ConfigureAwait(false)
                        ?? throw DeploymentException.NotFound($"Endpoint '{alert.Endpoint}' does not exist.");

                    // Unconditional: whatever the split is now, the alerted deployment must stop taking traffic at once.
                    var restored = await PromotionStepper.SetTrafficAsync(
                        traffic, alert.Endpoint, promotion.PreviousWeights, PromotionTraffic.MirrorsBeside(current.Mirrors, promotion.PreviousWeights),
                        current.StickyHeader, null, alert.Source, now, CancellationToken.None).ConfigureAwait(false);
                    var reason = $"{alert.Kind} alert from {alert.Source} ({alert.Severity}): {alert.Message}";
                    var ended = promotion with { State = PromotionState.RolledBack, Step = PromotionStep.Done, DueTime = null, Reason = reason, UpdateTime = now };
                    var split = restored.Weights.Count == 0 ? "no traffic" : string.Join(", ", restored.Weights.Select(entry => $"{entry.Key} {entry.Value}%"));
                    return new PromotionUpdate(ended, [new PromotionHistoryEntry(now, PromotionStep.Rollout, PromotionHistoryKind.RolledBack, alert.Source, "", $"{reason}; restored {split}")]);
                },
                cancellationToken).ConfigureAwait(false);
            rolledBack += changed is null ? 0 : 1;
        }

        return rolledBack;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Version {Version} of model {Model} (workspace {Workspace}) was approved; the model has no promotion route, so nothing is promoted")]
    private static partial void LogNoRoute(ILogger logger, string model, int version, string workspace);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Version {Version} of model {Model} was approved while promotion {Running} of the model runs; it is not promoted (StartPromotion once that one ends)")]
    private static partial void LogBusy(ILogger logger, string model, int version, Guid running);
}
