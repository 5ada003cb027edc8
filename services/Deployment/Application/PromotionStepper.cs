using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mlops.EventContracts;
using Mlops.Resources;

namespace Mlops.Deployment.Application;

/// <summary>
/// Runs the step a claimed promotion is at and records where that leaves it. Steps that only write (deployments,
/// traffic) run inside the transaction that records them; steps that wait (readiness, checks) run before it, and
/// their result is dropped if the lease was lost meanwhile. <see cref="IDeploymentServing"/> is the gateway of this
/// instance, when it has one.
/// </summary>
public sealed partial class PromotionStepper(
    IPromotionStore store,
    IEndpointStore endpoints,
    IDeploymentStore deployments,
    ITrafficStore traffic,
    IModelResolver resolver,
    IPromotionModelVersions versions,
    IServiceProvider services,
    IOptions<PromotionOptions> options,
    TimeProvider timeProvider,
    ILogger<PromotionStepper> logger)
{
    private readonly PromotionOptions _options = options.Value;
    private readonly IDeploymentServing? _serving = (IDeploymentServing?)services.GetService(typeof(IDeploymentServing));

    public async Task RunAsync(PromotionInfo claimed, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        try
        {
            switch (claimed.Step)
            {
                case PromotionStep.DeployStaging:
                    await store.AdvanceAsync(claimed.Id, owner, DeployStagingAsync, cancellationToken).ConfigureAwait(false);
                    break;
                case PromotionStep.StagingReady:
                    await StagingReadyAsync(claimed, owner, cancellationToken).ConfigureAwait(false);
                    break;
                case PromotionStep.StagingChecks:
                    await StagingChecksAsync(claimed, owner, cancellationToken).ConfigureAwait(false);
                    break;
                case PromotionStep.Approval:
                    await store.AdvanceAsync(claimed.Id, owner, GateTimeoutAsync, cancellationToken).ConfigureAwait(false);
                    break;
                case PromotionStep.DeployProduction:
                    await store.AdvanceAsync(claimed.Id, owner, DeployProductionAsync, cancellationToken).ConfigureAwait(false);
                    break;
                case PromotionStep.Rollout:
                    await RolloutAsync(claimed, owner, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await ReleaseAsync(claimed, owner, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
        catch (DeploymentException e) when (e.Kind == DeploymentErrorKind.Unavailable)
        {
            LogRetry(logger, e, claimed.Id, claimed.Step);
            await ReleaseAsync(claimed, owner, cancellationToken).ConfigureAwait(false);
        }
        catch (DeploymentException e)
        {
            // A refusal will not change by retrying (an endpoint gone, traffic changed under the rollout): the promotion fails.
            await store.AdvanceAsync(claimed.Id, owner, current => Task.FromResult<PromotionUpdate?>(Fail(current, e.Message)), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Replaces an endpoint's split as SetTraffic does (same rules, same compare-and-set, same event).</summary>
    public static async Task<TrafficInfo> SetTrafficAsync(
        ITrafficStore traffic, string endpoint, IReadOnlyDictionary<string, int> weights, IReadOnlyDictionary<string, int> mirrors, string stickyHeader,
        long? expectedRevision, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(traffic);
        var validWeights = DeploymentRules.Weights(weights);
        var change = new TrafficChange(validWeights, DeploymentRules.Mirrors(mirrors, validWeights), DeploymentRules.StickyHeader(stickyHeader), expectedRevision, actor, now);
        return await traffic.SetAsync(
            endpoint,
            change,
            (owner, changed) => new TrafficChanged(
                Guid.NewGuid(), now, ResourceNames.Deployment, EventSubjects.Traffic(owner.Name), owner.Name, owner.Environment, changed.Weights, changed.Mirrors,
                changed.StickyHeader, changed.Revision, actor),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The promotion's deployment name: a DNS label from the model name, the version and the promotion.</summary>
    public static string DeploymentName(PromotionInfo promotion)
    {
        ArgumentNullException.ThrowIfNull(promotion);
        var slug = new string(promotion.ModelName.ToLowerInvariant().Select(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) ? c : '-').ToArray());
        slug = string.Join('-', slug.Split('-', StringSplitOptions.RemoveEmptyEntries));
        slug = slug.Length > 0 && char.IsAsciiLetterLower(slug[0]) ? slug : "m-" + slug;
        var suffix = string.Create(CultureInfo.InvariantCulture, $"-v{promotion.Version}-{promotion.Id.ToString("N")[..6]}");
        return slug[..Math.Min(slug.Length, DeploymentRules.MaxNameLength - suffix.Length)].TrimEnd('-') + suffix;
    }

    private PromotionUpdate Fail(PromotionInfo promotion, string reason, params PromotionHistoryEntry[] before)
    {
        var now = Timestamps.Now(timeProvider);
        var ended = promotion with { State = PromotionState.Failed, Step = PromotionStep.Done, DueTime = null, Reason = $"{PromotionNames.Step(promotion.Step)}: {reason}", UpdateTime = now };
        return new PromotionUpdate(ended, [.. before, new PromotionHistoryEntry(now, promotion.Step, PromotionHistoryKind.StepFailed, PromotionInfo.SystemActor, "", reason)]);
    }

    private static PromotionUpdate Next(PromotionInfo promotion, PromotionInfo next, string detail, DateTimeOffset now, params PromotionHistoryEntry[] before) =>
        new(next,
        [
            .. before,
            new PromotionHistoryEntry(now, promotion.Step, PromotionHistoryKind.StepSucceeded, PromotionInfo.SystemActor, "", detail),
            new PromotionHistoryEntry(now, next.Step, PromotionHistoryKind.StepStarted, PromotionInfo.SystemActor, "", ""),
        ]);

    private async Task<PromotionUpdate?> DeployStagingAsync(PromotionInfo promotion)
    {
        var now = Timestamps.Now(timeProvider);
        var name = await EnsureDeploymentAsync(promotion, promotion.Route.StagingEndpoint, now, CancellationToken.None).ConfigureAwait(false);
        var current = await traffic.FindAsync(promotion.Route.StagingEndpoint, CancellationToken.None).ConfigureAwait(false)
            ?? throw DeploymentException.NotFound($"Endpoint '{promotion.Route.StagingEndpoint}' does not exist.");
        var weights = new Dictionary<string, int>(StringComparer.Ordinal) { [name] = 100 };
        await SetTrafficAsync(
            traffic, current.Endpoint, weights, PromotionTraffic.MirrorsBeside(current.Mirrors, weights), current.StickyHeader, current.Revision, Actor(promotion), now,
            CancellationToken.None).ConfigureAwait(false);
        var next = promotion with { Step = PromotionStep.StagingReady, StagingDeployment = name, DueTime = now, UpdateTime = now };
        return Next(promotion, next, $"deployment '{name}' takes 100% of endpoint '{current.Endpoint}'", now);
    }

    private async Task StagingReadyAsync(PromotionInfo claimed, string owner, CancellationToken cancellationToken)
    {
        if (_serving is null)
        {
            await store.AdvanceAsync(claimed.Id, owner, current => Task.FromResult<PromotionUpdate?>(Fail(current, NoGateway)), cancellationToken).ConfigureAwait(false);
            return;
        }

        var readiness = await WaitSettledAsync(claimed, claimed.Route.StagingEndpoint, claimed.StagingDeployment, cancellationToken).ConfigureAwait(false);
        if (readiness is null)
        {
            await ReleaseAsync(claimed, owner, cancellationToken).ConfigureAwait(false);
            return;
        }

        await store.AdvanceAsync(
            claimed.Id,
            owner,
            current =>
            {
                if (readiness.State != ServingState.Ready)
                {
                    return Task.FromResult<PromotionUpdate?>(Fail(current, $"deployment '{current.StagingDeployment}' failed to load: {readiness.Reason}"));
                }

                var now = Timestamps.Now(timeProvider);
                var next = current.Route.Checks.Any
                    ? current with { Step = PromotionStep.StagingChecks, DueTime = now, UpdateTime = now }
                    : AtGate(current, now);
                return Task.FromResult<PromotionUpdate?>(Next(current, next, $"deployment '{current.StagingDeployment}' is ready", now));
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task StagingChecksAsync(PromotionInfo claimed, string owner, CancellationToken cancellationToken)
    {
        if (_serving is null)
        {
            await store.AdvanceAsync(claimed.Id, owner, current => Task.FromResult<PromotionUpdate?>(Fail(current, NoGateway)), cancellationToken).ConfigureAwait(false);
            return;
        }

        var endpoint = await endpoints.FindAsync(claimed.Route.StagingEndpoint, cancellationToken).ConfigureAwait(false)
            ?? throw DeploymentException.NotFound($"Endpoint '{claimed.Route.StagingEndpoint}' does not exist.");
        var version = await versions.GetAsync(claimed.Workspace, claimed.ModelName, claimed.Version, cancellationToken).ConfigureAwait(false);
        var results = await PromotionStagingChecks.RunAsync(_serving, endpoint, claimed.StagingDeployment, version, claimed.Route.Checks, cancellationToken)
            .ConfigureAwait(false);
        await store.AdvanceAsync(
            claimed.Id,
            owner,
            current =>
            {
                var now = Timestamps.Now(timeProvider);
                var entries = results.Select(result => new PromotionHistoryEntry(
                    now, PromotionStep.StagingChecks, result.Passed ? PromotionHistoryKind.CheckPassed : PromotionHistoryKind.CheckFailed, PromotionInfo.SystemActor, "",
                    $"{result.Name}: {result.Detail}")).ToArray();
                var failed = results.Where(result => !result.Passed).Select(result => result.Name).ToList();
                return Task.FromResult<PromotionUpdate?>(failed.Count > 0
                    ? Fail(current, $"checks failed: {string.Join(", ", failed)}", entries)
                    : Next(current, AtGate(current, now), $"{results.Count} check(s) passed", now, entries));
            },
            cancellationToken).ConfigureAwait(false);
    }

    private Task<PromotionUpdate?> GateTimeoutAsync(PromotionInfo promotion)
    {
        var now = Timestamps.Now(timeProvider);
        if (promotion.Step != PromotionStep.Approval || promotion.DueTime > now)
        {
            return Task.FromResult<PromotionUpdate?>(null);
        }

        var reason = string.Create(CultureInfo.InvariantCulture, $"no decision within {promotion.Route.GateTimeoutSeconds} s: the gate's timeout rejected it");
        var ended = promotion with { State = PromotionState.Rejected, Step = PromotionStep.Done, DueTime = null, Reason = reason, UpdateTime = now };
        return Task.FromResult<PromotionUpdate?>(
            new PromotionUpdate(ended, [new PromotionHistoryEntry(now, PromotionStep.Approval, PromotionHistoryKind.TimedOut, PromotionInfo.SystemActor, "", reason)]));
    }

    private async Task<PromotionUpdate?> DeployProductionAsync(PromotionInfo promotion)
    {
        var now = Timestamps.Now(timeProvider);
        var name = await EnsureDeploymentAsync(promotion, promotion.Route.ProductionEndpoint, now, CancellationToken.None).ConfigureAwait(false);
        var current = await traffic.FindAsync(promotion.Route.ProductionEndpoint, CancellationToken.None).ConfigureAwait(false)
            ?? throw DeploymentException.NotFound($"Endpoint '{promotion.Route.ProductionEndpoint}' does not exist.");
        var next = promotion with
        {
            Step = PromotionStep.Rollout,
            RolloutStep = 0,
            ProductionDeployment = name,
            PreviousWeights = current.Weights,
            ProductionRevision = current.Revision,
            DueTime = now,
            UpdateTime = now,
        };
        var previous = current.Weights.Count == 0 ? "none" : Describe(current.Weights);
        return Next(promotion, next, $"deployment '{name}' on endpoint '{current.Endpoint}'; the split to roll back to: {previous}", now);
    }

    private async Task RolloutAsync(PromotionInfo claimed, string owner, CancellationToken cancellationToken)
    {
        if (claimed.RolloutStep == 0 && _serving is not null)
        {
            // No traffic before the gateway serves the new deployment; without a gateway here, inference is served elsewhere.
            var readiness = await WaitSettledAsync(claimed, claimed.Route.ProductionEndpoint, claimed.ProductionDeployment, cancellationToken).ConfigureAwait(false);
            if (readiness is null)
            {
                await ReleaseAsync(claimed, owner, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (readiness.State == ServingState.Failed)
            {
                await store.AdvanceAsync(
                    claimed.Id, owner,
                    current => Task.FromResult<PromotionUpdate?>(Fail(current, $"deployment '{current.ProductionDeployment}' failed to load: {readiness.Reason}")),
                    cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        await store.AdvanceAsync(claimed.Id, owner, RolloutStepAsync, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PromotionUpdate?> RolloutStepAsync(PromotionInfo promotion)
    {
        var now = Timestamps.Now(timeProvider);
        var endpoint = await endpoints.FindAsync(promotion.Route.ProductionEndpoint, CancellationToken.None).ConfigureAwait(false)
            ?? throw DeploymentException.NotFound($"Endpoint '{promotion.Route.ProductionEndpoint}' does not exist.");
        var steps = PromotionTraffic.Steps(endpoint.Rollout);
        if (promotion.RolloutStep >= steps.Count)
        {
            var done = promotion with { State = PromotionState.Succeeded, Step = PromotionStep.Done, DueTime = null, UpdateTime = now };
            return new PromotionUpdate(done,
            [
                new PromotionHistoryEntry(now, PromotionStep.Rollout, PromotionHistoryKind.StepSucceeded, PromotionInfo.SystemActor, "", "every rollout step baked without an alert"),
                new PromotionHistoryEntry(now, PromotionStep.Done, PromotionHistoryKind.Succeeded, PromotionInfo.SystemActor, "",
                    $"deployment '{promotion.ProductionDeployment}' takes 100% of endpoint '{endpoint.Name}'"),
            ]);
        }

        var current = await traffic.FindAsync(endpoint.Name, CancellationToken.None).ConfigureAwait(false)
            ?? throw DeploymentException.NotFound($"Endpoint '{endpoint.Name}' does not exist.");
        var percent = steps[promotion.RolloutStep];
        var weights = PromotionTraffic.Split(promotion.PreviousWeights, promotion.ProductionDeployment, percent);
        TrafficInfo changed;
        try
        {
            changed = await SetTrafficAsync(
                traffic, endpoint.Name, weights, PromotionTraffic.MirrorsBeside(current.Mirrors, weights), current.StickyHeader, promotion.ProductionRevision,
                Actor(promotion), now, CancellationToken.None).ConfigureAwait(false);
        }
        catch (DeploymentException e) when (e.Kind == DeploymentErrorKind.Aborted)
        {
            throw DeploymentException.Aborted($"the traffic of endpoint '{endpoint.Name}' was changed by someone else during the rollout, which stops here: {e.Message}");
        }

        var next = promotion with
        {
            RolloutStep = promotion.RolloutStep + 1,
            ProductionRevision = changed.Revision,
            DueTime = now.AddSeconds(endpoint.Rollout.BakeSeconds),
            UpdateTime = now,
        };
        var detail = string.Create(
            CultureInfo.InvariantCulture,
            $"step {promotion.RolloutStep + 1} of {steps.Count}: {Describe(changed.Weights)}; baking {endpoint.Rollout.BakeSeconds} s");
        return new PromotionUpdate(next, [new PromotionHistoryEntry(now, PromotionStep.Rollout, PromotionHistoryKind.TrafficShifted, PromotionInfo.SystemActor, "", detail)]);
    }

    private PromotionInfo AtGate(PromotionInfo promotion, DateTimeOffset now) =>
        promotion with { Step = PromotionStep.Approval, DueTime = now.AddSeconds(promotion.Route.GateTimeoutSeconds), UpdateTime = now };

    /// <summary>The readiness once settled; null when this claim's share of the wait ran out (the lease must not), to wait again at the next claim.</summary>
    private async Task<DeploymentReadiness?> WaitSettledAsync(PromotionInfo claimed, string endpoint, string deployment, CancellationToken cancellationToken)
    {
        if (Timestamps.Now(timeProvider) - claimed.UpdateTime > _options.ReadyTimeout)
        {
            return new DeploymentReadiness(ServingState.Failed, string.Create(CultureInfo.InvariantCulture, $"not ready within {_options.ReadyTimeout.TotalSeconds:0} s"));
        }

        using var slice = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        slice.CancelAfter(_options.Lease / 2);
        try
        {
            return await _serving!.WaitUntilSettledAsync(endpoint, deployment, slice.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task<string> EnsureDeploymentAsync(PromotionInfo promotion, string endpointName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var name = DeploymentName(promotion);
        if (await deployments.FindAsync(endpointName, name, cancellationToken).ConfigureAwait(false) is not null)
        {
            return name;
        }

        var endpoint = await endpoints.FindAsync(endpointName, cancellationToken).ConfigureAwait(false)
            ?? throw DeploymentException.NotFound($"Endpoint '{endpointName}' does not exist.");
        var model = new ModelReference(promotion.Workspace, promotion.ModelName, promotion.Version, "");
        var resolved = await resolver.ResolveAsync(model, cancellationToken).ConfigureAwait(false);
        var runtime = new RuntimeSpec(RuntimeType.Builtin, "");
        var deployment = new DeploymentInfo(endpoint.Name, name, model, resolved, runtime, 1, Actor(promotion), now);
        var created = new DeploymentCreated(
            Guid.NewGuid(), now, ResourceNames.Deployment, EventSubjects.Deployment(endpoint.Name, name), endpoint.Name, endpoint.Environment, name, model.Workspace,
            model.ModelName, resolved.Version, "", resolved.ArtifactSha256, DeploymentEvents.RuntimeName(runtime.Type), "", 1, deployment.CreatedBy);
        await deployments.AddAsync(deployment, created, cancellationToken).ConfigureAwait(false);
        return name;
    }

    private async Task ReleaseAsync(PromotionInfo claimed, string owner, CancellationToken cancellationToken) =>
        await store.ReleaseAsync(claimed.Id, owner, Timestamps.Now(timeProvider) + _options.RetryDelay, cancellationToken).ConfigureAwait(false);

    private static string Actor(PromotionInfo promotion) => $"promotion/{promotion.Id}";

    private static string Describe(IReadOnlyDictionary<string, int> weights) =>
        string.Join(", ", weights.OrderBy(entry => entry.Key, StringComparer.Ordinal).Select(entry => string.Create(CultureInfo.InvariantCulture, $"{entry.Key} {entry.Value}%")));

    private const string NoGateway = "this instance has no inference gateway (IDeploymentServing) to serve and check the staging deployment";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Promotion {Id} at {Step} met a passing fault; it is retried")]
    private static partial void LogRetry(ILogger logger, Exception exception, Guid id, PromotionStep step);
}
