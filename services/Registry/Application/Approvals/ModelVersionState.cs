namespace Mlops.Registry.Application.Approvals;

/// <summary>What a version shows beside its registration: its approval status and the aliases pointing at it.</summary>
public sealed record ModelVersionState(ApprovalStatus Status, IReadOnlyList<string> Aliases);
