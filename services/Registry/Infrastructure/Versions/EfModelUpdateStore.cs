using Microsoft.EntityFrameworkCore;
using Mlops.EventContracts;
using Mlops.Messaging;
using Mlops.Registry.Application;
using Mlops.Registry.Application.Versions;

namespace Mlops.Registry.Infrastructure.Versions;

/// <summary>
/// Compare-and-set updates: one UPDATE ... WHERE revision = expected, then the audit entry and the event in the same
/// transaction. Only the columns an update may change are written, so a version registered meanwhile (which raises
/// the model's latest_version) is never overwritten.
/// </summary>
internal sealed class EfModelUpdateStore(RegistryDbContext dbContext, IOutbox outbox) : IModelUpdateStore
{
    public async Task<bool> UpdateModelAsync(ModelInfo updated, long expectedRevision, ModelUpdated updatedEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updated);
        var tags = new Dictionary<string, string>(updated.Tags, StringComparer.Ordinal);
        dbContext.MarkModelChanged(updated.Id);
        return await ConditionallyAsync(
            () => dbContext.Models
                .Where(model => model.Workspace == updated.Workspace && model.Name == updated.Name && model.Revision == expectedRevision)
                .ExecuteUpdateAsync(
                    set => set
                        .SetProperty(model => model.Description, updated.Description)
                        .SetProperty(model => model.Tags, tags)
                        .SetProperty(model => model.Revision, updated.Revision)
                        .SetProperty(model => model.UpdateTime, updated.UpdateTime),
                    cancellationToken),
            updatedEvent,
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> UpdateVersionAsync(ModelVersionInfo updated, long expectedRevision, ModelVersionUpdated updatedEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updated);
        var tags = new Dictionary<string, string>(updated.Tags, StringComparer.Ordinal);
        var metrics = new Dictionary<string, double>(updated.Metadata.Metrics, StringComparer.Ordinal);

        // Raw updates are not tracked: name the model whose cached versions the commit must evict.
        dbContext.MarkModelChanged(await dbContext.Models.Where(model => model.Workspace == updated.Workspace && model.Name == updated.ModelName)
            .Select(model => model.Id).SingleAsync(cancellationToken).ConfigureAwait(false));
        return await ConditionallyAsync(
            () => dbContext.ModelVersions
                .Where(version => version.Workspace == updated.Workspace && version.ModelName == updated.ModelName
                    && version.Version == updated.Version && version.Revision == expectedRevision)
                .ExecuteUpdateAsync(
                    set => set
                        .SetProperty(version => version.Description, updated.Description)
                        .SetProperty(version => version.Tags, tags)
                        .SetProperty(version => version.Metrics, metrics)
                        .SetProperty(version => version.Revision, updated.Revision)
                        .SetProperty(version => version.UpdateTime, updated.UpdateTime),
                    cancellationToken),
            updatedEvent,
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> ConditionallyAsync(Func<Task<int>> update, IIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        try
        {
            await using var transaction = await dbContext.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            if (await update().ConfigureAwait(false) == 0)
            {
                // Another update won; the audit entry the caller recorded for this attempt goes with it.
                return false;
            }

            outbox.Enqueue(integrationEvent);
            await dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            dbContext.ChangeTracker.Clear();
        }
    }
}
