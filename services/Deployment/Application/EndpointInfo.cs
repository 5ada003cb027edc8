namespace Mlops.Deployment.Application;

public sealed record EndpointInfo(
    string Name,
    string Environment,
    string Description,
    int P95LatencyLimitMs,
    RolloutPlan Rollout,
    string CreatedBy,
    DateTimeOffset CreateTime);
