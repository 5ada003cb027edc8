using Mlops.EventContracts;

namespace Mlops.Registry.Application.Approvals;

/// <summary>
/// What a decision writes: the decision itself, the version's status after it and, when the status changes, the event
/// that says so.
/// </summary>
public sealed record DecisionPlan(ApprovalOutcome Outcome, IIntegrationEvent? StatusChanged);
