namespace Mlops.Deployment.Application;

/// <summary>How an endpoint moves traffic to a new deployment: <see cref="CanarySteps"/> are percentages, empty for blue/green.</summary>
public sealed record RolloutPlan(RolloutMode Mode, IReadOnlyList<int> CanarySteps, int BakeSeconds);
