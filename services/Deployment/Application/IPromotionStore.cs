namespace Mlops.Deployment.Application;

/// <summary>Routes, promotions with their history, and the traffic history; each change with its events in one transaction.</summary>
public interface IPromotionStore
{
    /// <summary>ALREADY_EXISTS when the model has a route.</summary>
    Task AddRouteAsync(PromotionRoute route, CancellationToken cancellationToken);

    Task<PromotionRoute?> FindRouteAsync(string workspace, string modelName, CancellationToken cancellationToken);

    /// <summary>Ordered by workspace then model name, after the pair <paramref name="after"/> when given.</summary>
    Task<IReadOnlyList<PromotionRoute>> ListRoutesAsync((string Workspace, string ModelName)? after, int take, CancellationToken cancellationToken);

    /// <summary>NOT_FOUND when the model has no route.</summary>
    Task DeleteRouteAsync(string workspace, string modelName, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a running promotion with its first history entries. FAILED_PRECONDITION while another promotion of the
    /// model runs. False, adding nothing, when a promotion was already started by <paramref name="sourceEventId"/>.
    /// </summary>
    Task<bool> AddAsync(PromotionUpdate started, Guid? sourceEventId, CancellationToken cancellationToken);

    /// <summary>With its whole history.</summary>
    Task<PromotionInfo?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Newest first (by creation, then id), without history, after the promotion <paramref name="after"/> when given.</summary>
    Task<IReadOnlyList<PromotionInfo>> ListAsync(
        string? workspace, string? modelName, PromotionState? state, (DateTimeOffset CreateTime, Guid Id)? after, int take, CancellationToken cancellationToken);

    /// <summary>
    /// Leases one running promotion whose due time has come and whom nobody holds (FOR UPDATE SKIP LOCKED), until
    /// <paramref name="leaseUntil"/>; null when there is none.
    /// </summary>
    Task<PromotionInfo?> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Under the promotion's row lock, in one transaction (the caller's, if one is open): calls
    /// <paramref name="change"/>, whose own writes (deployments, traffic) join that transaction, then saves the
    /// promotion it returns, its history entries and their events, and ends any lease. When
    /// <paramref name="leaseOwner"/> is given and no longer holds the lease (a decision, a cancellation or an alert came
    /// first), nothing happens and it returns null; null too when <paramref name="change"/> returns null.
    /// </summary>
    Task<PromotionInfo?> AdvanceAsync(Guid id, string? leaseOwner, Func<PromotionInfo, Task<PromotionUpdate?>> change, CancellationToken cancellationToken);

    /// <summary>Gives up a lease without a change, to retry at <paramref name="dueTime"/>.</summary>
    Task ReleaseAsync(Guid id, string owner, DateTimeOffset dueTime, CancellationToken cancellationToken);

    /// <summary>The running promotions rolling <paramref name="deployment"/> out on <paramref name="endpoint"/>.</summary>
    Task<IReadOnlyList<Guid>> FindRollingOutAsync(string endpoint, string deployment, CancellationToken cancellationToken);

    /// <summary>The split an endpoint had at <paramref name="revision"/> (≥ 1), as its traffic history recorded it.</summary>
    Task<TrafficInfo?> FindTrafficRevisionAsync(string endpoint, long revision, CancellationToken cancellationToken);
}
