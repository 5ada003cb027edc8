namespace Mlops.Registry.Application.Approvals;

/// <summary>Approval policies, decisions and the versions' approval status. Each write commits its audit entry and event with it.</summary>
public interface IApprovalStore
{
    /// <summary>The model's policy as last set; null while it was never set.</summary>
    Task<ApprovalPolicyInfo?> FindPolicyAsync(ModelInfo model, CancellationToken cancellationToken);

    /// <summary>
    /// Holds the model against decisions, alias changes and deletion while <paramref name="change"/> turns the current
    /// policy (null while never set) into the next, then stores it unless the plan carries no event.
    /// </summary>
    /// <exception cref="RegistryException">NOT_FOUND: the model no longer exists.</exception>
    Task<ApprovalPolicyInfo> ChangePolicyAsync(ModelInfo model, Func<ApprovalPolicyInfo?, PolicyChangePlan> change, CancellationToken cancellationToken);

    /// <summary>
    /// Locks the version, so that decisions on it happen one after the other, hands it to <paramref name="decide"/>
    /// (which may refuse by throwing) and stores the plan: the decision, the new status, the event.
    /// </summary>
    /// <exception cref="RegistryException">NOT_FOUND: the model or the version does not exist.</exception>
    Task<DecisionPlan> DecideAsync(ModelInfo model, int version, Func<VersionUnderDecision, DecisionPlan> decide, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="take"/> decisions on the version, oldest first, after <paramref name="afterSequence"/> when given.</summary>
    Task<IReadOnlyList<ApprovalDecisionInfo>> ListDecisionsAsync(ModelInfo model, int version, long? afterSequence, int take, CancellationToken cancellationToken);

}
