using Microsoft.EntityFrameworkCore;
using Mlops.Messaging;
using Mlops.Registry.Application;
using Mlops.Registry.Application.Aliases;
using Mlops.Registry.Infrastructure.Approvals;

namespace Mlops.Registry.Infrastructure.Aliases;

internal sealed class EfAliasStore(RegistryDbContext dbContext, IOutbox outbox) : IAliasStore
{
    public async Task<AliasChangePlan> ChangeAsync(
        ModelInfo model,
        string alias,
        int? newVersion,
        Func<AliasUnderChange, AliasChangePlan> change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(change);
        await using var transaction = await dbContext.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // One alias change per model at a time: each reads the target the previous one committed, so the history
            // records true previous versions. Decisions on versions go on meanwhile; deletion and policy changes wait.
            await dbContext.LockModelAsync(model, ModelRowLock.NoKeyUpdate, cancellationToken).ConfigureAwait(false);
            var aliases = dbContext.Set<ModelAliasEntity>();
            var current = await aliases.SingleOrDefaultAsync(a => a.ModelId == model.Id && a.Alias == alias, cancellationToken).ConfigureAwait(false);
            var currentStored = await dbContext.StoredAliases(model.Id, alias).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            var target = newVersion is { } number
                ? await dbContext.ModelVersions.AsNoTracking()
                    .Where(v => v.ModelId == model.Id && v.Version == number)
                    .Select(v => new { v.Id, v.Version, v.ArtifactSha256, Status = EF.Property<string>(v, ModelVersionApprovalConfiguration.StatusProperty), UploadStatus = v.Status })
                    .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
                : null;
            var policy = await dbContext.Set<ApprovalPolicyEntity>().AsNoTracking()
                .SingleOrDefaultAsync(p => p.ModelId == model.Id, cancellationToken).ConfigureAwait(false);
            var count = await aliases.CountAsync(a => a.ModelId == model.Id, cancellationToken).ConfigureAwait(false);

            var plan = change(new AliasUnderChange(
                model,
                alias,
                currentStored,
                target is null ? null : new AliasTarget(target.Version, target.ArtifactSha256, ApprovalStatusColumn.ToStatus(target.Status), ModelVersionStatuses.Parse(target.UploadStatus)),
                policy?.ToInfo(model),
                count));
            if (plan.Changed is null)
            {
                return plan;
            }

            if (plan.Result is null)
            {
                aliases.Remove(current ?? throw new InvalidOperationException("Only an existing alias can be deleted."));
            }
            else if (current is null)
            {
                aliases.Add(new ModelAliasEntity
                {
                    ModelId = model.Id,
                    Alias = alias,
                    ModelVersionId = target!.Id,
                    UpdatedBy = plan.Result.UpdatedBy,
                    UpdateTime = plan.Result.UpdateTime,
                });
            }
            else
            {
                current.ModelVersionId = target!.Id;
                current.UpdatedBy = plan.Result.UpdatedBy;
                current.UpdateTime = plan.Result.UpdateTime;
            }

            dbContext.Add(AliasHistoryEntity.From(model.Id, plan.Change!));
            outbox.Enqueue(plan.Changed);
            await dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return plan;
        }
        finally
        {
            dbContext.ChangeTracker.Clear();
        }
    }

    public Task<StoredAlias?> FindAsync(ModelInfo model, string alias, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        return dbContext.StoredAliases(model.Id, alias).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<StoredAlias>> ListAsync(ModelInfo model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        return await dbContext.StoredAliases(model.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<int?> FindHighestVersionAsync(ModelInfo model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        return dbContext.ModelVersions.Where(v => v.ModelId == model.Id && v.Status == ModelVersionStatuses.Ready).MaxAsync(v => (int?)v.Version, cancellationToken);
    }

    public async Task<IReadOnlyList<AliasChangeInfo>> ListHistoryAsync(ModelInfo model, string? alias, long? beforeSequence, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var query = dbContext.Set<AliasHistoryEntity>().AsNoTracking().Where(change => change.ModelId == model.Id);
        if (alias is not null)
        {
            query = query.Where(change => change.Alias == alias);
        }

        if (beforeSequence is { } before)
        {
            query = query.Where(change => change.Sequence < before);
        }

        var changes = await query.OrderByDescending(change => change.Sequence).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
        return changes.ConvertAll(change => change.ToInfo());
    }
}
