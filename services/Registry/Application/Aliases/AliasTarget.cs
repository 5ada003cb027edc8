using Mlops.Registry.Application.Approvals;

namespace Mlops.Registry.Application.Aliases;

/// <summary>The version an alias is about to point at, as it stands while the change is being decided.</summary>
public sealed record AliasTarget(int Version, string ArtifactSha256, ApprovalStatus Status, ModelVersionState UploadState);
