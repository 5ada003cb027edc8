using Mlops.Deployment.Application;
using Mlops.Inference;

namespace Mlops.Deployment.Tests.Rules;

public sealed class PromotionRulesTests
{
    [Fact]
    public void A_canary_step_takes_its_percent_and_the_previous_deployments_share_the_rest_in_proportion()
    {
        Assert.Equal(new Dictionary<string, int> { ["new"] = 10, ["stable"] = 90 }, PromotionTraffic.Split(new Dictionary<string, int> { ["stable"] = 100 }, "new", 10));
        Assert.Equal(
            new Dictionary<string, int> { ["new"] = 33, ["a"] = 34, ["b"] = 33 },
            PromotionTraffic.Split(new Dictionary<string, int> { ["a"] = 50, ["b"] = 50 }, "new", 33));
        Assert.Equal(
            new Dictionary<string, int> { ["new"] = 50, ["a"] = 38, ["b"] = 12 },
            PromotionTraffic.Split(new Dictionary<string, int> { ["a"] = 75, ["b"] = 25 }, "new", 50));
        Assert.Equal(new Dictionary<string, int> { ["new"] = 100 }, PromotionTraffic.Split(new Dictionary<string, int> { ["stable"] = 100 }, "new", 100));
    }

    [Fact]
    public void An_endpoint_without_traffic_gives_the_new_deployment_everything_at_once()
    {
        Assert.Equal(new Dictionary<string, int> { ["new"] = 100 }, PromotionTraffic.Split(new Dictionary<string, int>(), "new", 10));
        Assert.Equal(new Dictionary<string, int> { ["new"] = 100 }, PromotionTraffic.Split(new Dictionary<string, int> { ["new"] = 100 }, "new", 10));
    }

    [Theory]
    [InlineData(10, 50, 100)]
    [InlineData(1, 2, 97)]
    public void Every_split_sums_to_100(int a, int b, int step)
    {
        var split = PromotionTraffic.Split(new Dictionary<string, int> { ["a"] = a, ["b"] = b, ["c"] = 100 - a - b }, "new", step);
        Assert.Equal(100, split.Values.Sum());
        Assert.Equal(step, split["new"]);
    }

    [Fact]
    public void Blue_green_is_one_step_of_100_and_canary_its_steps()
    {
        Assert.Equal([100], PromotionTraffic.Steps(new RolloutPlan(RolloutMode.BlueGreen, [], 30)));
        Assert.Equal([10, 50, 100], PromotionTraffic.Steps(new RolloutPlan(RolloutMode.Canary, [10, 50, 100], 30)));
    }

    [Fact]
    public void Mirrors_to_a_deployment_that_now_has_a_weight_are_dropped() =>
        Assert.Equal(
            new Dictionary<string, int> { ["shadow"] = 10 },
            PromotionTraffic.MirrorsBeside(new Dictionary<string, int> { ["shadow"] = 10, ["new"] = 5 }, new Dictionary<string, int> { ["new"] = 100 }));

    [Fact]
    public void Outputs_must_match_the_signature_by_name_datatype_and_shape()
    {
        PromotionTensor[] signature = [new("probabilities", "FP32", [-1, 2]), new("label", "INT64", [-1])];
        InferenceTensor[] outputs = [InferenceTensor.Create("probabilities", [1, 2], new[] { 0.2f, 0.8f }), InferenceTensor.Create("label", [1], new[] { 1L })];
        Assert.True(PromotionStagingChecks.CompareOutputs(signature, outputs).Passed);

        var wrong = PromotionStagingChecks.CompareOutputs(
            signature,
            [InferenceTensor.Create("probabilities", [1, 3], new[] { 0.2f, 0.7f, 0.1f }), InferenceTensor.Create("label", [1], new[] { 1.0 }), InferenceTensor.Create("extra", [1], new[] { 1 })]);
        Assert.False(wrong.Passed);
        Assert.Contains("output 'probabilities' has shape", wrong.Detail, StringComparison.Ordinal);
        Assert.Contains("output 'label' is FP64, the signature says INT64", wrong.Detail, StringComparison.Ordinal);
        Assert.Contains("output 'extra' is not in the signature", wrong.Detail, StringComparison.Ordinal);

        Assert.Contains("missing", PromotionStagingChecks.CompareOutputs(signature, [outputs[0]]).Detail, StringComparison.Ordinal);
        Assert.False(PromotionStagingChecks.CompareOutputs([], outputs).Passed);
    }

    [Fact]
    public void The_p95_is_the_nearest_rank()
    {
        Assert.Equal(95, PromotionStagingChecks.P95(Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToList()));
        Assert.Equal(7, PromotionStagingChecks.P95([7]));
        Assert.Equal(20, PromotionStagingChecks.P95([10, 20]));
    }

    [Theory]
    [InlineData("fraud-detector", 3)]
    [InlineData("Fraud_Detector.v2", 12)]
    [InlineData("42-is-the-answer", 1)]
    [InlineData("a-model-name-much-longer-than-any-dns-label-could-ever-hold-in-one-piece", 123456)]
    public void A_promotion_names_its_deployments_with_a_DNS_label(string model, int version)
    {
        var promotion = PromotionUseCases.Start(Route(model), version, "alice", PromotionInfo.RequestTrigger, DateTimeOffset.UnixEpoch).Promotion;
        var name = PromotionStepper.DeploymentName(promotion);
        Assert.True(DeploymentRules.IsName(name), name);
        Assert.Contains($"-v{version}-", name, StringComparison.Ordinal);
    }

    [Fact]
    public void Approvers_are_user_or_group_principals_and_a_gate_needs_one()
    {
        Assert.Equal(["user:carol", "group:ops"], PromotionRules.Approvers(["user:carol", "group:ops", "user:carol"]));
        Assert.StartsWith("route.approvers[1]", Assert.Throws<DeploymentException>(() => PromotionRules.Approvers(["user:carol", "ops"])).Message, StringComparison.Ordinal);
        Assert.StartsWith("route.approvers", Assert.Throws<DeploymentException>(() => PromotionRules.Approvers([])).Message, StringComparison.Ordinal);
        Assert.Throws<DeploymentException>(() => PromotionRules.Approvers(["group:a,b"]));
    }

    [Fact]
    public void The_gate_refuses_the_requester_strangers_and_anonymous_callers()
    {
        var promotion = PromotionUseCases.Start(Route("m"), 1, "alice", PromotionInfo.RequestTrigger, DateTimeOffset.UnixEpoch).Promotion;
        PromotionRules.CheckMayDecide(promotion, new Caller("carol"));
        PromotionRules.CheckMayDecide(promotion, new Caller("bob", "ops"));
        Assert.Equal(DeploymentErrorKind.PermissionDenied, Assert.Throws<DeploymentException>(() => PromotionRules.CheckMayDecide(promotion, new Caller("alice", "ops"))).Kind);
        Assert.Equal(DeploymentErrorKind.PermissionDenied, Assert.Throws<DeploymentException>(() => PromotionRules.CheckMayDecide(promotion, new Caller("mallory", "Ops"))).Kind);
        Assert.Equal(DeploymentErrorKind.PermissionDenied, Assert.Throws<DeploymentException>(() => PromotionRules.CheckMayDecide(promotion, new Caller("anonymous", "ops"))).Kind);
    }

    [Fact]
    public void A_route_without_staging_starts_at_the_gate_with_its_deadline()
    {
        var start = DateTimeOffset.UnixEpoch;
        var started = PromotionUseCases.Start(Route("m"), 1, "alice", PromotionInfo.RequestTrigger, start);
        Assert.Equal((PromotionStep.Approval, start.AddSeconds(60)), (started.Promotion.Step, started.Promotion.DueTime));
        Assert.Equal([PromotionHistoryKind.Started, PromotionHistoryKind.StepStarted], started.Entries.Select(entry => entry.Kind));

        var staged = PromotionUseCases.Start(Route("m") with { StagingEndpoint = "stage" }, 1, "alice", PromotionInfo.RequestTrigger, start);
        Assert.Equal((PromotionStep.DeployStaging, start), (staged.Promotion.Step, staged.Promotion.DueTime));
    }

    [Theory]
    [InlineData(PromotionState.RolledBack, "ROLLED_BACK")]
    [InlineData(PromotionState.Running, "RUNNING")]
    public void States_are_named_as_the_proto_spells_them(PromotionState state, string name) => Assert.Equal(name, PromotionNames.State(state));

    [Fact]
    public void Steps_and_kinds_are_named_as_the_proto_spells_them() =>
        Assert.Equal(("STAGING_READY", "TRAFFIC_SHIFTED"), (PromotionNames.Step(PromotionStep.StagingReady), PromotionNames.Kind(PromotionHistoryKind.TrafficShifted)));

    [Fact]
    public void Page_tokens_round_trip_and_foreign_ones_are_invalid_argument()
    {
        var promotion = PromotionUseCases.Start(Route("m"), 1, "alice", PromotionInfo.RequestTrigger, DateTimeOffset.UnixEpoch.AddTicks(123_456_789)).Promotion;
        Assert.Equal((promotion.CreateTime, promotion.Id), PromotionPageTokens.DecodePromotion(PromotionPageTokens.EncodePromotion(promotion)));
        Assert.Equal(("default", "m"), PromotionPageTokens.DecodeRoute(PromotionPageTokens.EncodeRoute(Route("m"))));
        Assert.Equal(DeploymentErrorKind.InvalidArgument, Assert.Throws<DeploymentException>(() => PromotionPageTokens.DecodePromotion("garbage")).Kind);
        Assert.Equal(DeploymentErrorKind.InvalidArgument, Assert.Throws<DeploymentException>(() => PromotionPageTokens.DecodeRoute(PromotionPageTokens.EncodePromotion(promotion))).Kind);
    }

    private static PromotionRoute Route(string model) =>
        new("default", model, "", "prod", ["user:carol", "group:ops"], 60, new PromotionChecks(true, true, true, 50, 4), "deployer", DateTimeOffset.UnixEpoch);

    private sealed class Caller(string userName, params string[] groups) : ICallerContext
    {
        public string UserName => userName;

        public IReadOnlySet<string> Groups { get; } = groups.ToHashSet(StringComparer.Ordinal);
    }
}
