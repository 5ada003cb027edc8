using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Mlops.Messaging;
using Mlops.Registry.Application;
using Mlops.Registry.Application.Approvals;
using Npgsql;

namespace Mlops.Registry.Infrastructure.Approvals;

internal sealed class EfApprovalStore(RegistryDbContext dbContext, IOutbox outbox) : IApprovalStore
{
    public async Task<ApprovalPolicyInfo?> FindPolicyAsync(ModelInfo model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var policy = await dbContext.Set<ApprovalPolicyEntity>().AsNoTracking()
            .SingleOrDefaultAsync(policy => policy.ModelId == model.Id, cancellationToken).ConfigureAwait(false);
        return policy?.ToInfo(model);
    }

    public async Task<ApprovalPolicyInfo> ChangePolicyAsync(ModelInfo model, Func<ApprovalPolicyInfo?, PolicyChangePlan> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(change);
        await using var transaction = await dbContext.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Exclusive: no decision or alias change may run on a policy that is being replaced.
            await dbContext.LockModelAsync(model, ModelRowLock.Update, cancellationToken).ConfigureAwait(false);
            var stored = await dbContext.Set<ApprovalPolicyEntity>().SingleOrDefaultAsync(policy => policy.ModelId == model.Id, cancellationToken).ConfigureAwait(false);
            var plan = change(stored?.ToInfo(model));
            if (plan.Changed is null)
            {
                return plan.Policy;
            }

            if (stored is null)
            {
                dbContext.Add(ApprovalPolicyEntity.From(model.Id, plan.Policy));
            }
            else
            {
                stored.Apply(plan.Policy);
            }

            outbox.Enqueue(plan.Changed);
            await dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return plan.Policy;
        }
        finally
        {
            dbContext.ChangeTracker.Clear();
        }
    }

    public async Task<DecisionPlan> DecideAsync(ModelInfo model, int version, Func<VersionUnderDecision, DecisionPlan> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(decide);
        await using var transaction = await dbContext.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The model row in shared mode keeps deletion and policy changes out; the version row, exclusively locked,
            // queues the decisions on this version so that each sees those before it.
            await dbContext.LockModelAsync(model, ModelRowLock.KeyShare, cancellationToken).ConfigureAwait(false);
            var locked = await dbContext.Database
                .SqlQuery<Guid>($"SELECT id AS \"Value\" FROM model_versions WHERE model_id = {model.Id} AND version = {version} FOR UPDATE")
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (locked.Count == 0)
            {
                throw RegistryException.NotFound(string.Create(CultureInfo.InvariantCulture, $"Model '{model.Name}' in workspace '{model.Workspace}' has no version {version}."));
            }

            var versionId = locked[0];
            var row = await dbContext.ModelVersions.AsNoTracking()
                .Where(v => v.Id == versionId)
                .Select(v => new { v.CreatedBy, v.ArtifactSha256, Status = EF.Property<string>(v, ModelVersionApprovalConfiguration.StatusProperty), UploadStatus = v.Status })
                .SingleAsync(cancellationToken).ConfigureAwait(false);
            var policy = await dbContext.Set<ApprovalPolicyEntity>().AsNoTracking()
                .SingleOrDefaultAsync(policy => policy.ModelId == model.Id, cancellationToken).ConfigureAwait(false);
            var decisions = await dbContext.Set<ApprovalDecisionEntity>().AsNoTracking()
                .Where(decision => decision.ModelVersionId == versionId)
                .OrderBy(decision => decision.Sequence)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var status = ApprovalStatusColumn.ToStatus(row.Status);
            var plan = decide(new VersionUnderDecision(
                model.Workspace,
                model.Name,
                version,
                row.CreatedBy,
                row.ArtifactSha256,
                status,
                ModelVersionStatuses.Parse(row.UploadStatus),
                policy?.ToInfo(model),
                decisions.ConvertAll(decision => decision.ToInfo(model, version))));

            dbContext.Add(ApprovalDecisionEntity.From(versionId, plan.Outcome.Decision));
            if (plan.Outcome.Status != status)
            {
                // Conditional as well as locked: a status leaves PENDING_MANUAL_APPROVAL once, whatever else goes wrong.
                var updated = await dbContext.Database.ExecuteSqlAsync(
                    $"UPDATE model_versions SET approval_status = {ApprovalStatusColumn.From(plan.Outcome.Status)} WHERE id = {versionId} AND approval_status = {ApprovalStatusColumn.Pending}",
                    cancellationToken).ConfigureAwait(false);
                if (updated != 1)
                {
                    throw RegistryException.Aborted(string.Create(
                        CultureInfo.InvariantCulture, $"Version {version} of model '{model.Name}' was decided concurrently; read it again."));
                }

                dbContext.MarkModelChanged(model.Id);
            }

            if (plan.StatusChanged is { } changed)
            {
                outbox.Enqueue(changed);
            }

            await dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return plan;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: ApprovalDecisionEntityConfiguration.OneDecisionPerApprover })
        {
            throw RegistryException.AlreadyExists(string.Create(
                CultureInfo.InvariantCulture, $"The caller already decided on version {version} of model '{model.Name}'; each approver decides once."));
        }
        finally
        {
            dbContext.ChangeTracker.Clear();
        }
    }

    public async Task<IReadOnlyList<ApprovalDecisionInfo>> ListDecisionsAsync(ModelInfo model, int version, long? afterSequence, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var query =
            from decision in dbContext.Set<ApprovalDecisionEntity>().AsNoTracking()
            join modelVersion in dbContext.ModelVersions on decision.ModelVersionId equals modelVersion.Id
            where modelVersion.ModelId == model.Id && modelVersion.Version == version
            select decision;
        if (afterSequence is { } after)
        {
            query = query.Where(decision => decision.Sequence > after);
        }

        var decisions = await query.OrderBy(decision => decision.Sequence).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
        return decisions.ConvertAll(decision => decision.ToInfo(model, version));
    }

}
