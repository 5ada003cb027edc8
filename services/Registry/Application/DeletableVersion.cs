using Mlops.Registry.Application.Approvals;

namespace Mlops.Registry.Application;

/// <summary>A version of a model being deleted, and whether its approval keeps it.</summary>
public sealed record DeletableVersion(int Version, ApprovalStatus Status);
