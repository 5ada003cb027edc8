namespace Mlops.Deployment.Application;

/// <summary>Starting, reading, listing, deciding and cancelling promotions, and rolling an endpoint's traffic back.</summary>
public sealed class PromotionUseCases(
    IPromotionStore store, IPromotionModelVersions versions, ITrafficStore traffic, ICallerContext caller, TimeProvider timeProvider)
{
    public async Task<PromotionInfo> StartAsync(string? workspace, string? modelName, int version, CancellationToken cancellationToken)
    {
        var validWorkspace = PromotionRules.Workspace(workspace);
        var validModel = PromotionRules.ModelName("model_name", modelName);
        var validVersion = PromotionRules.Version(version);
        var route = await store.FindRouteAsync(validWorkspace, validModel, cancellationToken).ConfigureAwait(false)
            ?? throw PromotionRouteUseCases.NoRoute(validWorkspace, validModel);
        var registered = await versions.GetAsync(validWorkspace, validModel, validVersion, cancellationToken).ConfigureAwait(false);
        if (!registered.IsApproved)
        {
            throw DeploymentException.FailedPrecondition(
                $"Version {validVersion} of model '{validModel}' is not approved in the registry: only approved versions are promoted.");
        }

        var started = Start(route, validVersion, caller.UserName, PromotionInfo.RequestTrigger, Timestamps.Now(timeProvider));
        await store.AddAsync(started, sourceEventId: null, cancellationToken).ConfigureAwait(false);
        return started.Promotion with { History = started.Entries };
    }

    /// <summary>A new promotion of <paramref name="version"/> along <paramref name="route"/>, at its first step.</summary>
    public static PromotionUpdate Start(PromotionRoute route, int version, string requestedBy, string trigger, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(route);
        var first = route.StagingEndpoint.Length > 0 ? PromotionStep.DeployStaging : PromotionStep.Approval;
        var promotion = new PromotionInfo(
            Guid.NewGuid(), route.Workspace, route.ModelName, version, requestedBy, trigger, PromotionState.Running, first, 0, route, "", "",
            new Dictionary<string, int>(), null, first == PromotionStep.Approval ? now.AddSeconds(route.GateTimeoutSeconds) : now, "", now, now, []);
        var path = route.StagingEndpoint.Length > 0 ? $"{route.StagingEndpoint} (staging) → {route.ProductionEndpoint}" : route.ProductionEndpoint;
        return new PromotionUpdate(promotion,
        [
            new PromotionHistoryEntry(now, first, PromotionHistoryKind.Started, requestedBy, "", $"version {version} of '{route.ModelName}' through {path} ({trigger})"),
            new PromotionHistoryEntry(now, first, PromotionHistoryKind.StepStarted, PromotionInfo.SystemActor, "", ""),
        ]);
    }

    public async Task<PromotionInfo> GetAsync(string? id, CancellationToken cancellationToken)
    {
        var validId = PromotionRules.Id(id);
        return await store.FindAsync(validId, cancellationToken).ConfigureAwait(false) ?? throw NotFound(validId);
    }

    public async Task<PromotionPage> ListAsync(
        string? workspace, string? modelName, PromotionState? state, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        var validModel = string.IsNullOrEmpty(modelName) ? null : PromotionRules.ModelName("model_name", modelName);
        var validWorkspace = validModel is null && string.IsNullOrEmpty(workspace) ? null : PromotionRules.Workspace(workspace);
        var size = DeploymentRules.PageSize(pageSize);
        var fetched = await store.ListAsync(validWorkspace, validModel, state, PromotionPageTokens.DecodePromotion(pageToken), size + 1, cancellationToken)
            .ConfigureAwait(false);
        return fetched.Count > size
            ? new PromotionPage(fetched.Take(size).ToList(), PromotionPageTokens.EncodePromotion(fetched[size - 1]))
            : new PromotionPage(fetched, "");
    }

    public Task<PromotionInfo> ApproveAsync(string? id, string? comment, CancellationToken cancellationToken) => DecideAsync(id, comment, approve: true, cancellationToken);

    public Task<PromotionInfo> RejectAsync(string? id, string? comment, CancellationToken cancellationToken) => DecideAsync(id, comment, approve: false, cancellationToken);

    public async Task<PromotionInfo> CancelAsync(string? id, string? reason, CancellationToken cancellationToken)
    {
        var validId = PromotionRules.Id(id);
        var validReason = PromotionRules.OptionalComment("reason", reason);
        var actor = caller.UserName;
        var promotion = await store.FindAsync(validId, cancellationToken).ConfigureAwait(false) ?? throw NotFound(validId);
        CheckRunning(promotion, "cancelled");
        var changed = await store.AdvanceAsync(
            validId,
            leaseOwner: null,
            current =>
            {
                CheckStillRunning(current, "cancelled");
                var now = Timestamps.Now(timeProvider);
                var why = validReason.Length > 0 ? validReason : $"cancelled by {actor}";
                var ended = current with { State = PromotionState.Cancelled, Step = PromotionStep.Done, DueTime = null, Reason = why, UpdateTime = now };
                return Task.FromResult<PromotionUpdate?>(new PromotionUpdate(ended, [new PromotionHistoryEntry(now, current.Step, PromotionHistoryKind.Cancelled, actor, validReason, "")]));
            },
            cancellationToken).ConfigureAwait(false);
        return await store.FindAsync(changed!.Id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(validId);
    }

    /// <summary>Restores the split the endpoint's last traffic change replaced, as a change of its own.</summary>
    public async Task<TrafficInfo> RollbackEndpointAsync(string? endpoint, string? etag, CancellationToken cancellationToken)
    {
        var validEndpoint = DeploymentRules.Name("endpoint", endpoint);
        var expected = DeploymentRules.Etag(etag);
        var current = await traffic.FindAsync(validEndpoint, cancellationToken).ConfigureAwait(false)
            ?? throw DeploymentException.NotFound($"Endpoint '{validEndpoint}' does not exist.");
        if (expected is { } revision && revision != current.Revision)
        {
            throw DeploymentException.Aborted(
                $"The traffic of endpoint '{validEndpoint}' changed since etag {DeploymentRules.EtagOf(revision)} (now {DeploymentRules.EtagOf(current.Revision)}): read it again and retry.");
        }

        if (current.Revision == 0)
        {
            throw DeploymentException.FailedPrecondition($"The traffic of endpoint '{validEndpoint}' was never changed: there is no previous split to restore.");
        }

        var previous = current.Revision == 1
            ? new TrafficInfo(validEndpoint, new Dictionary<string, int>(), new Dictionary<string, int>(), "", 0, "", null)
            : await store.FindTrafficRevisionAsync(validEndpoint, current.Revision - 1, cancellationToken).ConfigureAwait(false)
                ?? throw DeploymentException.FailedPrecondition(
                    $"The traffic history of endpoint '{validEndpoint}' does not hold its split before revision {current.Revision}.");
        return await PromotionStepper.SetTrafficAsync(
            traffic, validEndpoint, previous.Weights, previous.Mirrors, previous.StickyHeader, current.Revision, caller.UserName, Timestamps.Now(timeProvider),
            cancellationToken).ConfigureAwait(false);
    }

    public static DeploymentException NotFound(Guid id) => DeploymentException.NotFound($"Promotion {id} does not exist.");

    private async Task<PromotionInfo> DecideAsync(string? id, string? comment, bool approve, CancellationToken cancellationToken)
    {
        var validId = PromotionRules.Id(id);
        var validComment = PromotionRules.Comment("comment", comment);
        var promotion = await store.FindAsync(validId, cancellationToken).ConfigureAwait(false) ?? throw NotFound(validId);
        if (!promotion.IsRunning || promotion.Step != PromotionStep.Approval)
        {
            throw DeploymentException.FailedPrecondition(
                $"Promotion {validId} is not waiting at the gate: it is {PromotionNames.State(promotion.State)} at {PromotionNames.Step(promotion.Step)}.");
        }

        CheckGateOpen(promotion);
        PromotionRules.CheckMayDecide(promotion, caller);
        var actor = caller.UserName;
        var changed = await store.AdvanceAsync(
            validId,
            leaseOwner: null,
            current =>
            {
                if (!current.IsRunning || current.Step != PromotionStep.Approval)
                {
                    throw DeploymentException.Aborted(
                        $"Promotion {validId} left the gate meanwhile: it is now {PromotionNames.State(current.State)} at {PromotionNames.Step(current.Step)}.");
                }

                CheckGateOpen(current);
                var now = Timestamps.Now(timeProvider);
                var decided = new PromotionHistoryEntry(now, PromotionStep.Approval, approve ? PromotionHistoryKind.Approved : PromotionHistoryKind.Rejected, actor, validComment, "");
                var next = approve
                    ? current with { Step = PromotionStep.DeployProduction, DueTime = now, UpdateTime = now }
                    : current with { State = PromotionState.Rejected, Step = PromotionStep.Done, DueTime = null, Reason = $"rejected by {actor}: {validComment}", UpdateTime = now };
                PromotionHistoryEntry[] entries = approve
                    ? [decided, new PromotionHistoryEntry(now, PromotionStep.DeployProduction, PromotionHistoryKind.StepStarted, PromotionInfo.SystemActor, "", "")]
                    : [decided];
                return Task.FromResult<PromotionUpdate?>(new PromotionUpdate(next, entries));
            },
            cancellationToken).ConfigureAwait(false);
        return await store.FindAsync(changed!.Id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(validId);
    }

    /// <summary>A decision after the gate's deadline is too late, even before the runner has recorded the timeout.</summary>
    private void CheckGateOpen(PromotionInfo promotion)
    {
        if (promotion.DueTime is { } deadline && deadline <= Timestamps.Now(timeProvider))
        {
            throw DeploymentException.FailedPrecondition(
                $"The gate of promotion {promotion.Id} timed out at {deadline:O}: it is being rejected; start a new promotion to decide again.");
        }
    }

    private static void CheckRunning(PromotionInfo promotion, string verb)
    {
        if (!promotion.IsRunning)
        {
            throw DeploymentException.FailedPrecondition($"Promotion {promotion.Id} has ended ({PromotionNames.State(promotion.State)}): it cannot be {verb}.");
        }
    }

    private static void CheckStillRunning(PromotionInfo promotion, string verb)
    {
        if (!promotion.IsRunning)
        {
            throw DeploymentException.Aborted($"Promotion {promotion.Id} ended meanwhile ({PromotionNames.State(promotion.State)}): it cannot be {verb}.");
        }
    }
}
