using System.Globalization;
using System.Text;
using Mlops.Deployment.Tests.Gateway;
using Mlops.Deployment.Tests.Infrastructure;
using Mlops.Deployment.V1;
using Mlops.EventContracts;
using Mlops.Grpc;
using Mlops.Testing;

namespace Mlops.Deployment.Tests;

/// <summary>
/// The promotion pipeline in the deployment process, driven as users would: versions registered and approved in the
/// real registry (whose ModelVersionApproved reaches the service over RabbitMQ), routes and decisions over gRPC.
/// Each test has models and endpoints of its own.
/// </summary>
[Collection(DeploymentCollection.Name)]
public sealed class PromotionTests(DeploymentFixture fixture)
{
    private const string Approvers = "release-managers";
    private readonly DeploymentClient _client = fixture.Client;
    private readonly PromotionClient _promotions = fixture.Promotions;

    [Fact]
    public async Task Routes_are_created_read_listed_and_deleted_and_bad_ones_are_refused_naming_the_field()
    {
        await ProductionAsync("route-prod", new RolloutStrategy());
        await _client.CreateEndpointAsync("route-stage", "staging");

        var created = await _promotions.CreateRouteAsync(Route("route-model", "route-prod", "route-stage"));
        Assert.Equal(("default", "route-stage", "route-prod", DeploymentClient.User), (created.Workspace, created.StagingEndpoint, created.ProductionEndpoint, created.CreatedBy));
        Assert.Equal(["group:" + Approvers, "user:carol"], created.Approvers);
        Assert.Equal((true, true, true, 50, 4), (created.Checks.InputExample, created.Checks.Signature, created.Checks.LoadTest, created.Checks.LoadTestRequests, created.Checks.LoadTestConcurrency));
        Assert.Equal(created, await _promotions.GetRouteAsync("route-model"));

        await Refusals.AssertAsync(StatusCode.AlreadyExists, () => _promotions.CreateRouteAsync(Route("route-model", "route-prod")));
        Assert.StartsWith("route.approvers", await Refusals.AssertAsync(StatusCode.InvalidArgument, () => _promotions.CreateRouteAsync(Route("m2", "route-prod", approvers: []))), StringComparison.Ordinal);
        Assert.StartsWith("route.approvers[0]", await Refusals.AssertAsync(StatusCode.InvalidArgument, () => _promotions.CreateRouteAsync(Route("m2", "route-prod", approvers: ["carol"]))), StringComparison.Ordinal);
        Assert.StartsWith("route.production_endpoint", await Refusals.AssertAsync(StatusCode.InvalidArgument, () => _promotions.CreateRouteAsync(Route("m2", "route-stage"))), StringComparison.Ordinal);
        Assert.StartsWith("route.staging_endpoint", await Refusals.AssertAsync(StatusCode.InvalidArgument, () => _promotions.CreateRouteAsync(Route("m2", "route-prod", "route-prod"))), StringComparison.Ordinal);
        Assert.StartsWith("route.gate_timeout_seconds", await Refusals.AssertAsync(StatusCode.InvalidArgument, () => _promotions.CreateRouteAsync(Route("m2", "route-prod", gateTimeout: 0))), StringComparison.Ordinal);
        Assert.StartsWith("route.production_endpoint", await Refusals.AssertAsync(StatusCode.NotFound, () => _promotions.CreateRouteAsync(Route("m2", "no-such-endpoint"))), StringComparison.Ordinal);

        await _promotions.CreateRouteAsync(Route("route-model-2", "route-prod"));
        var first = await _promotions.ListRoutesAsync(1);
        Assert.Single(first.Routes);
        Assert.NotEmpty(first.NextPageToken);
        var all = await _promotions.ListRoutesAsync(1000);
        Assert.Contains(all.Routes, route => route.ModelName == "route-model-2");
        Assert.Equal(all.Routes.OrderBy(route => route.Workspace, StringComparer.Ordinal).ThenBy(route => route.ModelName, StringComparer.Ordinal), all.Routes);

        await _promotions.DeleteRouteAsync("route-model-2");
        await Refusals.AssertAsync(StatusCode.NotFound, () => _promotions.GetRouteAsync("route-model-2"));
        await Refusals.AssertAsync(StatusCode.NotFound, () => _promotions.DeleteRouteAsync("route-model-2"));
    }

    [Fact]
    public async Task An_approved_version_passes_the_gate_only_by_an_allowed_approver_with_a_comment_and_goes_to_production()
    {
        await ProductionAsync("gate-prod", new RolloutStrategy { Kind = RolloutKind.BlueGreen });
        await _promotions.CreateRouteAsync(Route("gate-model", "gate-prod"));

        // Approved first, a model without a route starts nothing; the queue is taken in order, so once the routed
        // model's promotion exists, the unrouted model's approval has been handled.
        await RegisterAsync("gate-unrouted", approve: true);
        await RegisterAsync("gate-model", approve: true);
        var promotion = await _promotions.SoleAsync("gate-model");
        Assert.Empty((await _promotions.ListAsync(new ListPromotionsRequest { ModelName = "gate-unrouted" })).Promotions);

        Assert.Equal((V1.PromotionState.Running, V1.PromotionStep.Approval, RegistrySeed.Creator, "model-version-approved", 1),
            (promotion.State, promotion.Step, promotion.RequestedBy, promotion.Trigger, promotion.Version));
        Assert.NotNull(promotion.DueTime);

        Assert.Contains("requested", await Refusals.AssertAsync(StatusCode.PermissionDenied, () => _promotions.ApproveAsync(promotion.Id, "mine", RegistrySeed.Creator, Approvers)), StringComparison.Ordinal);
        Assert.Contains("not an approver", await Refusals.AssertAsync(StatusCode.PermissionDenied, () => _promotions.ApproveAsync(promotion.Id, "looks fine", "mallory", "interns")), StringComparison.Ordinal);
        Assert.StartsWith("comment", await Refusals.AssertAsync(StatusCode.InvalidArgument, () => _promotions.ApproveAsync(promotion.Id, " ", "carol")), StringComparison.Ordinal);
        await Refusals.AssertAsync(StatusCode.InvalidArgument, () => _promotions.ApproveAsync("not-a-uuid", "ok", "carol"));
        await Refusals.AssertAsync(StatusCode.NotFound, () => _promotions.ApproveAsync(Guid.NewGuid().ToString(), "ok", "carol"));

        var approved = await _promotions.ApproveAsync(promotion.Id, "staging report reviewed", "dave", $"ops,{Approvers}");
        Assert.Equal(V1.PromotionStep.DeployProduction, approved.Step);
        Assert.Equal(StatusCode.FailedPrecondition, (await Assert.ThrowsAsync<RpcException>(() => _promotions.RejectAsync(promotion.Id, "too late", "carol"))).StatusCode);

        var done = await _promotions.WaitAsync(promotion.Id, p => p.State != V1.PromotionState.Running, "ended");
        Assert.Equal((V1.PromotionState.Succeeded, V1.PromotionStep.Done), (done.State, done.Step));
        var traffic = await _client.GetTrafficAsync("gate-prod");
        Assert.Equal(new Dictionary<string, int> { [done.ProductionDeployment] = 100 }, traffic.Weights);
        Assert.Equal(1, (await _client.GetDeploymentAsync("gate-prod", done.ProductionDeployment)).ModelVersion);

        var decision = Assert.Single(done.History, entry => entry.Kind == "APPROVED");
        Assert.Equal(("dave", "staging report reviewed", V1.PromotionStep.Approval), (decision.Actor, decision.Comment, decision.Step));
        Assert.Equal(
            ["STARTED", "STEP_STARTED", "APPROVED", "STEP_STARTED", "STEP_SUCCEEDED", "STEP_STARTED", "TRAFFIC_SHIFTED", "STEP_SUCCEEDED", "SUCCEEDED"],
            done.History.Select(entry => entry.Kind));
        Assert.True(done.History.Zip(done.History.Skip(1)).All(pair => pair.First.Time.ToDateTimeOffset() <= pair.Second.Time.ToDateTimeOffset()));

        // Every history entry went out as an event.
        var id = Guid.Parse(promotion.Id);
        await Eventually.UntilAsync(() => Task.FromResult(fixture.PromotionEvents.Count(e => e.PromotionId == id) == done.History.Count), "one PromotionStepChanged per history entry");
        // The test's queue takes events concurrently, so only what arrived is compared, not its order.
        Assert.Equal(done.History.Select(entry => entry.Kind).Order(), fixture.PromotionEvents.Where(e => e.PromotionId == id).Select(e => e.Kind).Order());
        Assert.Equal("SUCCEEDED", fixture.PromotionEvents.Single(e => e.PromotionId == id && e.Kind == "SUCCEEDED").State);
    }

    [Fact]
    public async Task A_canary_rollout_moves_traffic_step_by_step_beside_the_previous_deployment_until_it_has_all()
    {
        await ProductionAsync("canary-prod", new RolloutStrategy { Kind = RolloutKind.Canary, CanarySteps = { 10, 50, 100 }, BakeSeconds = 1 }, withStable: true);
        await _promotions.CreateRouteAsync(Route("canary-model", "canary-prod"));
        await RegisterAsync("canary-model", approve: true);
        var promotion = await _promotions.SoleAsync("canary-model");
        await _promotions.ApproveAsync(promotion.Id, "go", "carol");

        var done = await _promotions.WaitAsync(promotion.Id, p => p.State != V1.PromotionState.Running, "ended");
        Assert.Equal(V1.PromotionState.Succeeded, done.State);
        var shifted = await Eventually.ResultAsync(
            () => fixture.TrafficEvents.Where(e => e.Endpoint == "canary-prod" && e.ChangedBy.StartsWith("promotion/", StringComparison.Ordinal)).OrderBy(e => e.Revision).ToList() is { Count: 3 } events ? events : null,
            "three rollout steps");
        var canary = done.ProductionDeployment;
        Assert.Equal(new Dictionary<string, int> { [canary] = 10, ["stable"] = 90 }, shifted[0].Weights);
        Assert.Equal(new Dictionary<string, int> { [canary] = 50, ["stable"] = 50 }, shifted[1].Weights);
        Assert.Equal(new Dictionary<string, int> { [canary] = 100 }, shifted[2].Weights);
        Assert.Equal(3, done.History.Count(entry => entry.Kind == "TRAFFIC_SHIFTED"));
        Assert.Equal(new Dictionary<string, int> { [canary] = 100 }, (await _client.GetTrafficAsync("canary-prod")).Weights);
    }

    [Fact]
    public async Task An_alert_about_the_new_deployment_during_a_bake_restores_the_previous_split_at_once()
    {
        await ProductionAsync("alert-prod", new RolloutStrategy { Kind = RolloutKind.Canary, CanarySteps = { 10, 100 }, BakeSeconds = 3600 }, withStable: true);
        await _promotions.CreateRouteAsync(Route("alert-model", "alert-prod"));
        await RegisterAsync("alert-model", approve: true);
        var promotion = await _promotions.SoleAsync("alert-model");
        await _promotions.ApproveAsync(promotion.Id, "go", "carol");
        var baking = await _promotions.WaitAsync(promotion.Id, p => p.Step == V1.PromotionStep.Rollout && p.RolloutStep == 1, "baking the first canary step");
        Assert.Equal(new Dictionary<string, int> { [baking.ProductionDeployment] = 10, ["stable"] = 90 }, (await _client.GetTrafficAsync("alert-prod")).Weights);

        // An alert about another deployment changes nothing; the one about the canary rolls it back.
        await fixture.PublishAsync(Alert("alert-prod", "stable", "drift on stable"));
        await fixture.PublishAsync(Alert("alert-prod", baking.ProductionDeployment, "PSI 0.41 on feature amount"));

        var rolledBack = await _promotions.WaitAsync(promotion.Id, p => p.State != V1.PromotionState.Running, "ended");
        Assert.Equal((V1.PromotionState.RolledBack, V1.PromotionStep.Done), (rolledBack.State, rolledBack.Step));
        Assert.Contains("PSI 0.41 on feature amount", rolledBack.Reason, StringComparison.Ordinal);
        var entry = Assert.Single(rolledBack.History, entry => entry.Kind == "ROLLED_BACK");
        Assert.Equal("monitoring", entry.Actor);
        Assert.Equal(new Dictionary<string, int> { ["stable"] = 100 }, (await _client.GetTrafficAsync("alert-prod")).Weights);
    }

    [Fact]
    public async Task A_gate_nobody_decides_rejects_the_promotion_when_its_timeout_passes()
    {
        await ProductionAsync("timeout-prod", new RolloutStrategy());
        await _promotions.CreateRouteAsync(Route("timeout-model", "timeout-prod", gateTimeout: 1));
        await RegisterAsync("timeout-model", approve: true);
        var promotion = await _promotions.SoleAsync("timeout-model");

        var ended = await _promotions.WaitAsync(promotion.Id, p => p.State != V1.PromotionState.Running, "ended");

        Assert.Equal(V1.PromotionState.Rejected, ended.State);
        Assert.Equal(("TIMED_OUT", "system"), (ended.History[^1].Kind, ended.History[^1].Actor));
        await Refusals.AssertAsync(StatusCode.FailedPrecondition, () => _promotions.ApproveAsync(promotion.Id, "too late", "carol"));
        Assert.Empty((await _client.GetTrafficAsync("timeout-prod")).Weights);
    }

    [Fact]
    public async Task Promotions_are_started_on_request_cancelled_rejected_and_listed_by_model_and_state()
    {
        await ProductionAsync("manual-prod", new RolloutStrategy());
        await _promotions.CreateRouteAsync(Route("manual-model", "manual-prod"));
        await RegisterAsync("manual-model", approve: true);
        var automatic = await _promotions.SoleAsync("manual-model");
        await RegisterAsync("manual-model", approve: false, number: 2, loadable: false);

        Assert.Contains("running", await Refusals.AssertAsync(StatusCode.FailedPrecondition, () => _promotions.StartAsync("manual-model", 1)), StringComparison.Ordinal);
        var cancelled = await _promotions.CancelAsync(automatic.Id, "wrong window");
        Assert.Equal((V1.PromotionState.Cancelled, "wrong window"), (cancelled.State, cancelled.Reason));
        await Refusals.AssertAsync(StatusCode.FailedPrecondition, () => _promotions.CancelAsync(automatic.Id, "again"));

        Assert.Contains("not approved", await Refusals.AssertAsync(StatusCode.FailedPrecondition, () => _promotions.StartAsync("manual-model", 2)), StringComparison.Ordinal);
        await Refusals.AssertAsync(StatusCode.NotFound, () => _promotions.StartAsync("manual-model", 9));
        await Refusals.AssertAsync(StatusCode.NotFound, () => _promotions.StartAsync("model-without-route", 1));
        await Refusals.AssertAsync(StatusCode.InvalidArgument, () => _promotions.StartAsync("manual-model", 0));

        var requested = await _promotions.StartAsync("manual-model", 1, "erin");
        Assert.Equal(("erin", "request", V1.PromotionStep.Approval), (requested.RequestedBy, requested.Trigger, requested.Step));
        await Refusals.AssertAsync(StatusCode.PermissionDenied, () => _promotions.RejectAsync(requested.Id, "no", "erin", Approvers));
        var rejected = await _promotions.RejectAsync(requested.Id, "bias report missing", "carol");
        Assert.Equal(V1.PromotionState.Rejected, rejected.State);
        Assert.Contains("bias report missing", rejected.Reason, StringComparison.Ordinal);

        var page1 = await _promotions.ListAsync(new ListPromotionsRequest { ModelName = "manual-model", PageSize = 1 });
        Assert.Equal(requested.Id, Assert.Single(page1.Promotions).Id);
        Assert.Empty(page1.Promotions[0].History);
        var page2 = await _promotions.ListAsync(new ListPromotionsRequest { ModelName = "manual-model", PageSize = 1, PageToken = page1.NextPageToken });
        Assert.Equal(automatic.Id, Assert.Single(page2.Promotions).Id);
        Assert.Empty(page2.NextPageToken);
        var cancelledOnly = await _promotions.ListAsync(new ListPromotionsRequest { ModelName = "manual-model", State = V1.PromotionState.Cancelled });
        Assert.Equal(automatic.Id, Assert.Single(cancelledOnly.Promotions).Id);
    }

    [Fact]
    public async Task The_same_approval_event_delivered_twice_starts_one_promotion()
    {
        await ProductionAsync("twice-prod", new RolloutStrategy());
        await _promotions.CreateRouteAsync(Route("twice-model", "twice-prod"));
        await _promotions.CreateRouteAsync(Route("twice-marker", "twice-prod"));
        await RegisterAsync("twice-model", approve: false);
        var approved = Approved("twice-model");

        await fixture.PublishAsync(approved);
        await fixture.PublishAsync(approved);
        await fixture.PublishAsync(Approved("twice-marker"));

        // The queue is taken in order: once the marker's promotion exists, both copies have been handled.
        await _promotions.SoleAsync("twice-marker");
        var promotion = await _promotions.SoleAsync("twice-model");
        Assert.Equal("someone", promotion.RequestedBy);
    }

    [Fact]
    public async Task A_version_the_gateway_cannot_load_fails_at_staging_with_the_reason_and_never_reaches_the_gate()
    {
        await ProductionAsync("staged-prod", new RolloutStrategy());
        await _client.CreateEndpointAsync("staged-stage", "staging");
        await _promotions.CreateRouteAsync(Route("staged-model", "staged-prod", "staged-stage"));
        await RegisterAsync("staged-model", approve: true, loadable: false);
        var promotion = await _promotions.SoleAsync("staged-model");

        // The artifact is no loadable model, so the gateway reports the staging deployment failed: the promotion fails
        // at STAGING_READY, with the gateway's reason, and never reaches the gate.
        var ended = await _promotions.WaitAsync(promotion.Id, p => p.State != V1.PromotionState.Running, "ended");

        Assert.Equal(V1.PromotionState.Failed, ended.State);
        Assert.StartsWith("STAGING_READY: ", ended.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(ended.History, entry => entry.Step == V1.PromotionStep.Approval);
        Assert.Equal(new Dictionary<string, int> { [ended.StagingDeployment] = 100 }, (await _client.GetTrafficAsync("staged-stage")).Weights);
        Assert.Empty((await _client.GetTrafficAsync("staged-prod")).Weights);
    }

    [Fact]
    public async Task An_approved_xgboost_version_passes_staging_checks_the_gate_and_a_canary_and_serves_production_as_xgboost_predicts()
    {
        await _client.CreateEndpointAsync(new CreateEndpointRequest { Name = "e2e-stage", Environment = "staging", P95LatencyLimitMs = 60_000 });
        await ProductionAsync("e2e-prod", new RolloutStrategy { Kind = RolloutKind.Canary, CanarySteps = { 10, 50, 100 }, BakeSeconds = 1 }, withStable: true);
        var route = Route("e2e-model", "e2e-prod", "e2e-stage");
        route.Checks = new StagingChecks { InputExample = true, Signature = true, LoadTest = true, LoadTestRequests = 20, LoadTestConcurrency = 4 };
        await _promotions.CreateRouteAsync(route);
        await RegisterAsync("e2e-model", approve: true);
        var promotion = await _promotions.SoleAsync("e2e-model");

        var gate = await _promotions.WaitAsync(promotion.Id, p => p.Step == V1.PromotionStep.Approval || p.State != V1.PromotionState.Running, "at the gate");
        Assert.True(gate.Step == V1.PromotionStep.Approval, gate.Reason);
        var checks = gate.History.Where(entry => entry.Step == V1.PromotionStep.StagingChecks && entry.Kind.StartsWith("CHECK_", StringComparison.Ordinal)).ToList();
        Assert.Equal(["input_example", "signature", "load_test"], checks.Select(entry => entry.Detail.Split(':')[0]));
        Assert.All(checks, entry => Assert.Equal("CHECK_PASSED", entry.Kind));
        Assert.Contains("over 20 requests, 4 at a time (limit 60000 ms)", checks[2].Detail, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, int> { [gate.StagingDeployment] = 100 }, (await _client.GetTrafficAsync("e2e-stage")).Weights);
        Assert.Equal(["stable"], (await _client.ListDeploymentsAsync("e2e-prod")).Deployments.Select(deployment => deployment.Name));

        await _promotions.ApproveAsync(promotion.Id, "checks green, p95 fine", "carol");
        var done = await _promotions.WaitAsync(promotion.Id, p => p.State != V1.PromotionState.Running, "ended");

        Assert.True(done.State == V1.PromotionState.Succeeded, done.Reason);
        Assert.Equal(3, done.History.Count(entry => entry.Kind == "TRAFFIC_SHIFTED"));
        Assert.Equal(new Dictionary<string, int> { [done.ProductionDeployment] = 100 }, (await _client.GetTrafficAsync("e2e-prod")).Weights);
        var xgb = fixture.Xgb;
        var response = await fixture.Inference.InferRowsAsync("e2e-prod", null, xgb.Rows, xgb.FeatureCount);
        Assert.Equal(("e2e-prod", done.ProductionDeployment), (response.ModelName, response.ModelVersion));
        xgb.AssertMatches(InferenceClient.Values(Assert.Single(response.Outputs)));
    }

    [Fact]
    public async Task A_signature_the_model_contradicts_fails_the_promotion_at_staging_with_the_gateways_reason()
    {
        await _client.CreateEndpointAsync("liar-stage", "staging");
        await ProductionAsync("liar-prod", new RolloutStrategy());
        await _promotions.CreateRouteAsync(Route("liar-model", "liar-prod", "liar-stage"));

        // The model gives one probability per row; the signature claims two. The builtin runtime refuses to serve a
        // signature its model contradicts, so the staging deployment never becomes ready.
        await RegisterAsync("liar-model", approve: true, outputsPerRow: 2);
        var promotion = await _promotions.SoleAsync("liar-model");

        var ended = await _promotions.WaitAsync(promotion.Id, p => p.State != V1.PromotionState.Running, "ended");

        Assert.Equal(V1.PromotionState.Failed, ended.State);
        Assert.StartsWith("STAGING_READY: ", ended.Reason, StringComparison.Ordinal);
        Assert.Contains("Signature output 'probability'", ended.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(ended.History, entry => entry.Kind.StartsWith("CHECK_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RollbackEndpoint_restores_the_split_the_last_change_replaced()
    {
        await _client.CreateEndpointAsync("rollback-ep", "production");
        await Refusals.AssertAsync(StatusCode.FailedPrecondition, () => _promotions.RollbackEndpointAsync("rollback-ep"));
        await Refusals.AssertAsync(StatusCode.NotFound, () => _promotions.RollbackEndpointAsync("no-such-endpoint"));
        await _client.CreateDeploymentAsync("rollback-ep", "blue", DeploymentFixture.ModelName, 1);
        await _client.CreateDeploymentAsync("rollback-ep", "green", DeploymentFixture.ModelName, 2);
        var blue = await _client.SetTrafficAsync(new SetTrafficRequest { Endpoint = "rollback-ep", Weights = { ["blue"] = 100 }, Mirrors = { ["green"] = 20 }, StickyHeader = "x-user" });
        var green = await _client.SetWeightsAsync("rollback-ep", blue.Etag, ("green", 100));

        await Refusals.AssertAsync(StatusCode.Aborted, () => _promotions.RollbackEndpointAsync("rollback-ep", blue.Etag));
        var restored = await _promotions.RollbackEndpointAsync("rollback-ep", green.Etag);

        Assert.Equal((blue.Weights, blue.Mirrors, blue.StickyHeader), (restored.Weights, restored.Mirrors, restored.StickyHeader));
        Assert.NotEqual(blue.Etag, restored.Etag);
        var undone = await _promotions.RollbackEndpointAsync("rollback-ep");
        Assert.Equal(green.Weights, undone.Weights);
    }

    [Fact]
    public async Task A_promotion_killed_at_the_gate_and_during_a_bake_is_finished_by_the_next_process()
    {
        // Approved before the process exists, so its approval never reaches the process's queue: the test starts the promotion.
        await RegisterAsync("crash-model", approve: true);
        var database = await fixture.CreateDatabaseAsync("deployment-crash");
        var settings = DeploymentFixture.PromotionSettings($"deployment-tests-crash-{Guid.NewGuid():N}");
        var first = await fixture.StartDeploymentProcessAsync(database, settings);
        var client = new DeploymentClient(fixture.ChannelTo(first.GrpcAddress));
        await client.CreateEndpointAsync(new CreateEndpointRequest
        {
            Name = "crash-prod",
            Environment = "production",
            Rollout = new RolloutStrategy { Kind = RolloutKind.Canary, CanarySteps = { 50, 100 }, BakeSeconds = 4 },
        });
        var promotions = new PromotionClient(fixture.ChannelTo(first.GrpcAddress));
        await promotions.CreateRouteAsync(Route("crash-model", "crash-prod"));
        var started = await promotions.StartAsync("crash-model", 1);
        Assert.Equal(V1.PromotionStep.Approval, started.Step);

        await first.Process.KillAsync();
        var second = await fixture.StartDeploymentProcessAsync(database, settings);
        promotions = new PromotionClient(fixture.ChannelTo(second.GrpcAddress));
        Assert.Equal(V1.PromotionStep.Approval, (await promotions.GetAsync(started.Id)).Step);
        await promotions.ApproveAsync(started.Id, "after the crash", "carol");
        var baking = await promotions.WaitAsync(started.Id, p => p.Step == V1.PromotionStep.Rollout && p.RolloutStep == 1, "baking at 50%");

        await second.Process.KillAsync();
        var third = await fixture.StartDeploymentProcessAsync(database, settings);
        promotions = new PromotionClient(fixture.ChannelTo(third.GrpcAddress));
        var done = await promotions.WaitAsync(started.Id, p => p.State != V1.PromotionState.Running, "ended");

        Assert.Equal(V1.PromotionState.Succeeded, done.State);
        Assert.Equal(2, done.History.Count(entry => entry.Kind == "TRAFFIC_SHIFTED"));
        Assert.Equal(new Dictionary<string, int> { [baking.ProductionDeployment] = 100 }, (await new DeploymentClient(fixture.ChannelTo(third.GrpcAddress)).GetTrafficAsync("crash-prod")).Weights);
    }

    private static PromotionRoute Route(string model, string production, string staging = "", int gateTimeout = 600, IReadOnlyList<string>? approvers = null)
    {
        var route = new PromotionRoute { ModelName = model, ProductionEndpoint = production, StagingEndpoint = staging, GateTimeoutSeconds = gateTimeout };
        route.Approvers.AddRange(approvers ?? ["group:" + Approvers, "user:carol"]);
        return route;
    }

    private async Task ProductionAsync(string name, RolloutStrategy rollout, bool withStable = false)
    {
        await _client.CreateEndpointAsync(new CreateEndpointRequest { Name = name, Environment = "production", Rollout = rollout });
        if (withStable)
        {
            await _client.CreateDeploymentAsync(name, "stable", DeploymentFixture.ModelName, 1);
            await _client.SetWeightsAsync(name, "", ("stable", 100));
        }
    }

    /// <summary>
    /// Registers the fixture's XGBoost model (4 FP32 features in, one FP32 probability out) with its signature and an
    /// input example; or bytes no runtime can load, when <paramref name="loadable"/> is false.
    /// </summary>
    private async Task RegisterAsync(string model, bool approve, int number = 1, bool loadable = true, int outputsPerRow = 1)
    {
        if (number == 1)
        {
            await fixture.Registry.CreateModelAsync(model);
        }

        var xgb = fixture.Xgb;
        var signature = new Registry.V1.ModelSignature();
        signature.Inputs.Add(RegistrySeed.Tensor("input", "FP32", -1, xgb.FeatureCount));
        signature.Outputs.Add(RegistrySeed.Tensor("probability", "FP32", -1, outputsPerRow));
        var row = xgb.Row(xgb.CompleteRow()).Select(value => value.ToString("R", CultureInfo.InvariantCulture));
        var example = $$"""{"inputs": [{"name": "input", "datatype": "FP32", "shape": [1, {{xgb.FeatureCount}}], "data": [{{string.Join(", ", row)}}]}]}""";
        var version = loadable
            ? await fixture.Registry.UploadAsync(model, xgb.Artifact, signature, example)
            : await fixture.Registry.UploadAsync(model, Encoding.UTF8.GetBytes($$"""{"model": "{{model}}", "version": {{number}}}"""));
        if (approve)
        {
            await fixture.Registry.ApproveAsync(model, version.Version);
        }
    }

    private static ModelVersionApproved Approved(string model) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, "registry", EventSubjects.ModelVersion("default", model, 1), "default", model, 1, "sha256:00", 1, [], "someone");

    private static DeploymentAlertRaised Alert(string endpoint, string deployment, string message) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, "monitoring", EventSubjects.Deployment(endpoint, deployment), endpoint, deployment, "DRIFT", "critical", message);
}
