namespace Mlops.Deployment.Application;

/// <summary>The version a model reference named when it was resolved, and its artifact's digest.</summary>
public sealed record ResolvedModel(int Version, string ArtifactSha256);
