using Mlops.EventContracts;

namespace Mlops.Registry.Application.Approvals;

/// <summary>The policy to store and the event announcing it; no event means nothing changed and nothing is written.</summary>
public sealed record PolicyChangePlan(ApprovalPolicyInfo Policy, ApprovalPolicyChanged? Changed);
