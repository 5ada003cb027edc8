using Mlops.Deployment.Application;

namespace Mlops.Deployment.Infrastructure;

public sealed class PromotionRouteEntity
{
    public required string Workspace { get; init; }

    public required string ModelName { get; init; }

    /// <summary>Empty: no staging.</summary>
    public required string StagingEndpoint { get; init; }

    public required string ProductionEndpoint { get; init; }

    public required string[] Approvers { get; init; }

    public required int GateTimeoutSeconds { get; init; }

    public required bool CheckInputExample { get; init; }

    public required bool CheckSignature { get; init; }

    public required bool CheckLoadTest { get; init; }

    public required int LoadTestRequests { get; init; }

    public required int LoadTestConcurrency { get; init; }

    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreateTime { get; init; }

    public static PromotionRouteEntity From(PromotionRoute route) => new()
    {
        Workspace = route.Workspace,
        ModelName = route.ModelName,
        StagingEndpoint = route.StagingEndpoint,
        ProductionEndpoint = route.ProductionEndpoint,
        Approvers = route.Approvers.ToArray(),
        GateTimeoutSeconds = route.GateTimeoutSeconds,
        CheckInputExample = route.Checks.InputExample,
        CheckSignature = route.Checks.Signature,
        CheckLoadTest = route.Checks.LoadTest,
        LoadTestRequests = route.Checks.LoadTestRequests,
        LoadTestConcurrency = route.Checks.LoadTestConcurrency,
        CreatedBy = route.CreatedBy,
        CreateTime = route.CreateTime,
    };

    public PromotionRoute ToInfo() => new(
        Workspace,
        ModelName,
        StagingEndpoint,
        ProductionEndpoint,
        Approvers,
        GateTimeoutSeconds,
        new PromotionChecks(CheckInputExample, CheckSignature, CheckLoadTest, LoadTestRequests, LoadTestConcurrency),
        CreatedBy,
        CreateTime);
}
