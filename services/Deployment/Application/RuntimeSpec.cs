namespace Mlops.Deployment.Application;

/// <summary>What serves a deployment; <see cref="ExternalUrl"/> is empty for a built-in runtime.</summary>
public sealed record RuntimeSpec(RuntimeType Type, string ExternalUrl);
