using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Mlops.Deployment.Application;
using Mlops.Messaging;
using Mlops.Persistence;

namespace Mlops.Deployment.Infrastructure;

internal sealed class EfPromotionStore(DeploymentDbContext dbContext, IOutbox outbox) : IPromotionStore
{
    private const string Running = nameof(PromotionState.Running);

    public async Task AddRouteAsync(PromotionRoute route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        dbContext.PromotionRoutes.Add(PromotionRouteEntity.From(route));
        try
        {
            await dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException e) when (PostgresErrors.IsUniqueViolation(e))
        {
            throw DeploymentException.AlreadyExists($"Model '{route.ModelName}' in workspace '{route.Workspace}' already has a promotion route.");
        }
        finally
        {
            dbContext.ChangeTracker.Clear();
        }
    }

    public async Task<PromotionRoute?> FindRouteAsync(string workspace, string modelName, CancellationToken cancellationToken)
    {
        var route = await dbContext.PromotionRoutes.AsNoTracking()
            .SingleOrDefaultAsync(route => route.Workspace == workspace && route.ModelName == modelName, cancellationToken).ConfigureAwait(false);
        return route?.ToInfo();
    }

    public async Task<IReadOnlyList<PromotionRoute>> ListRoutesAsync((string Workspace, string ModelName)? after, int take, CancellationToken cancellationToken)
    {
        var routes = after is { } position
            ? dbContext.PromotionRoutes.FromSql($"SELECT * FROM promotion_routes WHERE (workspace, model_name) > ({position.Workspace}, {position.ModelName})")
            : dbContext.PromotionRoutes;
        var page = await routes.AsNoTracking().OrderBy(route => route.Workspace).ThenBy(route => route.ModelName).Take(take)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return page.ConvertAll(route => route.ToInfo());
    }

    public async Task DeleteRouteAsync(string workspace, string modelName, CancellationToken cancellationToken)
    {
        var deleted = await dbContext.PromotionRoutes.Where(route => route.Workspace == workspace && route.ModelName == modelName)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        if (deleted == 0)
        {
            throw PromotionRouteUseCases.NoRoute(workspace, modelName);
        }
    }

    public async Task<bool> AddAsync(PromotionUpdate started, Guid? sourceEventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(started);
        var promotion = started.Promotion;
        if (sourceEventId is { } eventId
            && await dbContext.Promotions.AnyAsync(row => row.SourceEventId == eventId, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        dbContext.Promotions.Add(PromotionEntity.From(promotion, sourceEventId));
        Record(promotion, started.Entries);
        try
        {
            await dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException e) when (PostgresErrors.IsUniqueViolation(e))
        {
            throw DeploymentException.FailedPrecondition(
                $"Another promotion of model '{promotion.ModelName}' is running: wait for it to end, or cancel it (Promotions.CancelPromotion).");
        }
        finally
        {
            dbContext.ChangeTracker.Clear();
        }
    }

    public async Task<PromotionInfo?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var promotion = await dbContext.Promotions.AsNoTracking().SingleOrDefaultAsync(row => row.Id == id, cancellationToken).ConfigureAwait(false);
        if (promotion is null)
        {
            return null;
        }

        var history = await dbContext.PromotionHistory.AsNoTracking().Where(entry => entry.PromotionId == id).OrderBy(entry => entry.Sequence)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return promotion.ToInfo(history.ConvertAll(entry => entry.ToInfo()));
    }

    public async Task<IReadOnlyList<PromotionInfo>> ListAsync(
        string? workspace, string? modelName, PromotionState? state, (DateTimeOffset CreateTime, Guid Id)? after, int take, CancellationToken cancellationToken)
    {
        var promotions = after is { } position
            ? dbContext.Promotions.FromSql($"SELECT * FROM promotions WHERE (create_time, id) < ({position.CreateTime}, {position.Id})")
            : dbContext.Promotions;
        if (workspace is not null)
        {
            promotions = promotions.Where(row => row.Workspace == workspace);
        }

        if (modelName is not null)
        {
            promotions = promotions.Where(row => row.ModelName == modelName);
        }

        if (state is { } wanted)
        {
            var name = wanted.ToString();
            promotions = promotions.Where(row => row.State == name);
        }

        var page = await promotions.AsNoTracking().OrderByDescending(row => row.CreateTime).ThenByDescending(row => row.Id).Take(take)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return page.ConvertAll(row => row.ToInfo([]));
    }

    public async Task<PromotionInfo?> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await using var transaction = await dbContext.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // SKIP LOCKED: a row another instance is claiming or advancing right now is simply not this one's to take.
            var rows = await dbContext.Promotions
                .FromSql($"""
                    SELECT * FROM promotions
                    WHERE state = {Running} AND due_time <= {now} AND (lease_until IS NULL OR lease_until < {now})
                    ORDER BY due_time LIMIT 1 FOR UPDATE SKIP LOCKED
                    """)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (rows is not [var row])
            {
                return null;
            }

            row.LeaseOwner = owner;
            row.LeaseUntil = leaseUntil;
            await dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return row.ToInfo([]);
        }
        finally
        {
            dbContext.ChangeTracker.Clear();
        }
    }

    public async Task<PromotionInfo?> AdvanceAsync(
        Guid id, string? leaseOwner, Func<PromotionInfo, Task<PromotionUpdate?>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);

        // Inside a consumer's transaction (with its inbox record) the change joins it; otherwise it has its own.
        var owned = dbContext.Database.CurrentTransaction is null
            ? await dbContext.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false)
            : null;
        try
        {
            var row = await LockAsync(id, cancellationToken).ConfigureAwait(false) ?? throw PromotionUseCases.NotFound(id);
            if (leaseOwner is not null && row.LeaseOwner != leaseOwner)
            {
                return null;
            }

            var update = await change(row.ToInfo([])).ConfigureAwait(false);

            // The change's own stores may have cleared the change tracker; this finds the locked row again either way.
            var tracked = await dbContext.Promotions.SingleAsync(promotion => promotion.Id == id, cancellationToken).ConfigureAwait(false);
            tracked.LeaseOwner = null;
            tracked.LeaseUntil = null;
            if (update is not null)
            {
                tracked.Apply(update.Promotion);
                Record(update.Promotion, update.Entries);
            }

            await dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await CommitAsync(owned, cancellationToken).ConfigureAwait(false);
            return update?.Promotion;
        }
        finally
        {
            await DisposeAsync(owned).ConfigureAwait(false);
        }
    }

    public async Task ReleaseAsync(Guid id, string owner, DateTimeOffset dueTime, CancellationToken cancellationToken) =>
        await dbContext.Promotions.Where(row => row.Id == id && row.LeaseOwner == owner)
            .ExecuteUpdateAsync(
                setters => setters.SetProperty(row => row.LeaseOwner, (string?)null).SetProperty(row => row.LeaseUntil, (DateTimeOffset?)null)
                    .SetProperty(row => row.DueTime, dueTime),
                cancellationToken)
            .ConfigureAwait(false);

    public async Task<IReadOnlyList<Guid>> FindRollingOutAsync(string endpoint, string deployment, CancellationToken cancellationToken)
    {
        var rollout = nameof(PromotionStep.Rollout);
        var candidates = await dbContext.Promotions.AsNoTracking()
            .Where(row => row.State == Running && row.Step == rollout && row.ProductionDeployment == deployment)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return candidates.Where(row => row.ToInfo([]).Route.ProductionEndpoint == endpoint).Select(row => row.Id).ToList();
    }

    public async Task<TrafficInfo?> FindTrafficRevisionAsync(string endpoint, long revision, CancellationToken cancellationToken)
    {
        var entry = await dbContext.TrafficHistory.AsNoTracking()
            .SingleOrDefaultAsync(entry => entry.Endpoint == endpoint && entry.Revision == revision, cancellationToken).ConfigureAwait(false);
        return entry is null
            ? null
            : new TrafficInfo(entry.Endpoint, TrafficJson.Read(entry.Weights), TrafficJson.Read(entry.Mirrors), entry.StickyHeader, entry.Revision, entry.ChangedBy, entry.ChangeTime);
    }

    private async Task<PromotionEntity?> LockAsync(Guid id, CancellationToken cancellationToken)
    {
        // ToListAsync, not SingleOrDefaultAsync: EF must not wrap the FOR UPDATE statement in a query of its own.
        var rows = await dbContext.Promotions.FromSql($"SELECT * FROM promotions WHERE id = {id} FOR UPDATE")
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.SingleOrDefault();
    }

    private void Record(PromotionInfo promotion, IReadOnlyList<PromotionHistoryEntry> entries)
    {
        foreach (var entry in entries)
        {
            dbContext.PromotionHistory.Add(PromotionHistoryEntity.From(promotion.Id, entry));
            outbox.Enqueue(PromotionEvents.StepChanged(promotion, entry));
        }
    }

    private static async Task CommitAsync(IDbContextTransaction? owned, CancellationToken cancellationToken)
    {
        if (owned is not null)
        {
            await owned.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DisposeAsync(IDbContextTransaction? owned)
    {
        if (owned is not null)
        {
            await owned.DisposeAsync().ConfigureAwait(false);
            dbContext.ChangeTracker.Clear();
        }
    }
}
