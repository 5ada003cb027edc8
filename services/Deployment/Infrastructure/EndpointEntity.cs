using Mlops.Deployment.Application;

namespace Mlops.Deployment.Infrastructure;

public sealed class EndpointEntity
{
    public required string Name { get; init; }

    public required string Environment { get; init; }

    public required string Description { get; init; }

    public required int P95LatencyLimitMs { get; init; }

    public required string RolloutMode { get; init; }

    public required int[] CanarySteps { get; init; }

    public required int BakeSeconds { get; init; }

    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreateTime { get; init; }

    public static EndpointEntity From(EndpointInfo endpoint) => new()
    {
        Name = endpoint.Name,
        Environment = endpoint.Environment,
        Description = endpoint.Description,
        P95LatencyLimitMs = endpoint.P95LatencyLimitMs,
        RolloutMode = endpoint.Rollout.Mode.ToString(),
        CanarySteps = endpoint.Rollout.CanarySteps.ToArray(),
        BakeSeconds = endpoint.Rollout.BakeSeconds,
        CreatedBy = endpoint.CreatedBy,
        CreateTime = endpoint.CreateTime,
    };

    public EndpointInfo ToInfo() => new(
        Name,
        Environment,
        Description,
        P95LatencyLimitMs,
        new RolloutPlan(Enum.Parse<Application.RolloutMode>(RolloutMode), CanarySteps, BakeSeconds),
        CreatedBy,
        CreateTime);
}
