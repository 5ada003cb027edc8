using Mlops.Registry.Application.Approvals;

namespace Mlops.Registry.Application;

/// <summary>A version of a model being deleted: whether its approval keeps it, and the artifact to remove with it.</summary>
public sealed record DeletableVersion(int Version, ApprovalStatus Status, string ArtifactBlobName);
