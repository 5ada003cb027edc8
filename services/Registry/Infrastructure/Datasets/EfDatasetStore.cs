using Microsoft.EntityFrameworkCore;
using Mlops.EventContracts;
using Mlops.Messaging;
using Mlops.Registry.Application.Datasets;

namespace Mlops.Registry.Infrastructure.Datasets;

internal sealed class EfDatasetStore(RegistryDbContext dbContext, IOutbox outbox) : IDatasetStore
{
    public async Task AddDatasetAsync(DatasetInfo dataset, DatasetCreated created, CancellationToken cancellationToken)
    {
        dbContext.Datasets.Add(DatasetEntity.From(dataset));
        outbox.Enqueue(created);
        try
        {
            await dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException e) when (WorkspaceRowErrors.Of(
            e, dataset.Workspace, DatasetEntityConfiguration.ForeignKeyToWorkspace, $"Dataset '{dataset.Name}' already exists in workspace '{dataset.Workspace}'.") is { } error)
        {
            throw error;
        }
        finally
        {
            dbContext.ChangeTracker.Clear();
        }
    }

    public async Task<DatasetInfo?> FindDatasetAsync(string workspace, string name, CancellationToken cancellationToken)
    {
        var dataset = await dbContext.Datasets.AsNoTracking()
            .SingleOrDefaultAsync(dataset => dataset.Workspace == workspace && dataset.Name == name, cancellationToken)
            .ConfigureAwait(false);
        return dataset?.ToInfo();
    }

    public async Task<IReadOnlyList<DatasetInfo>> ListDatasetsAsync(string workspace, string? afterName, int take, CancellationToken cancellationToken)
    {
        var query = dbContext.Datasets.AsNoTracking().Where(dataset => dataset.Workspace == workspace);
        if (afterName is not null)
        {
            query = query.Where(dataset => string.Compare(dataset.Name, afterName) > 0);
        }

        var datasets = await query.OrderBy(dataset => dataset.Name).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
        return datasets.ConvertAll(dataset => dataset.ToInfo());
    }

    public async Task<DatasetInfo?> UpdateDatasetAsync(
        string workspace,
        string name,
        string? description,
        IReadOnlyDictionary<string, string>? tags,
        DateTimeOffset updateTime,
        CancellationToken cancellationToken)
    {
        try
        {
            // Tracked, so the UPDATE sets only the columns that change: concurrent updates of different fields both stick.
            var dataset = await dbContext.Datasets
                .SingleOrDefaultAsync(dataset => dataset.Workspace == workspace && dataset.Name == name, cancellationToken)
                .ConfigureAwait(false);
            if (dataset is null)
            {
                return null;
            }

            if (description is not null)
            {
                dataset.Description = description;
            }

            if (tags is not null)
            {
                dataset.Tags = new Dictionary<string, string>(tags, StringComparer.Ordinal);
            }

            dataset.UpdateTime = updateTime;
            await dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return dataset.ToInfo();
        }
        finally
        {
            // Also drops the audit entry of an update that found nothing to change.
            dbContext.ChangeTracker.Clear();
        }
    }

    public async Task<DatasetVersionInfo> AddVersionAsync(
        Guid datasetId,
        DatasetVersionInfo draft,
        Func<DatasetVersionInfo, DatasetVersionRegistered> registered,
        CancellationToken cancellationToken)
    {
        await using var transaction = await dbContext.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // The UPDATE takes the dataset row's lock until commit: a concurrent upload waits here and then gets the next number.
        var numbers = await dbContext.Database
            .SqlQuery<int>($"UPDATE datasets SET latest_version = latest_version + 1 WHERE id = {datasetId} RETURNING latest_version AS \"Value\"")
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var version = draft with { Version = numbers.Single() };
        dbContext.DatasetVersions.Add(DatasetVersionEntity.From(datasetId, version));
        outbox.Enqueue(registered(version));
        try
        {
            await dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            dbContext.ChangeTracker.Clear();
        }

        return version;
    }

    public Task<bool> IsFileReferencedAsync(string blobName, CancellationToken cancellationToken) =>
        dbContext.DatasetVersions.AnyAsync(version => version.BlobName == blobName, cancellationToken);

    public async Task<DatasetVersionInfo?> FindVersionAsync(string workspace, string datasetName, int version, CancellationToken cancellationToken)
    {
        var found = await dbContext.DatasetVersions.AsNoTracking()
            .Include(v => v.Dataset)
            .SingleOrDefaultAsync(v => v.Dataset!.Workspace == workspace && v.Dataset.Name == datasetName && v.Version == version, cancellationToken)
            .ConfigureAwait(false);
        return found?.ToInfo();
    }

    public async Task<IReadOnlyList<DatasetVersionInfo>> ListVersionsAsync(Guid datasetId, int? beforeVersion, int take, CancellationToken cancellationToken)
    {
        var query = dbContext.DatasetVersions.AsNoTracking().Where(v => v.DatasetId == datasetId);
        if (beforeVersion is { } before)
        {
            query = query.Where(v => v.Version < before);
        }

        // Everything but the profile, which can be large and is read one version at a time.
        var versions = await query
            .OrderByDescending(v => v.Version)
            .Take(take)
            .Select(v => new DatasetVersionEntity
            {
                Id = v.Id,
                DatasetId = v.DatasetId,
                Dataset = v.Dataset,
                Version = v.Version,
                Description = v.Description,
                Tags = v.Tags,
                Format = v.Format,
                CsvOptions = v.CsvOptions,
                FileName = v.FileName,
                ArtifactSha256 = v.ArtifactSha256,
                ArtifactSizeBytes = v.ArtifactSizeBytes,
                BlobName = v.BlobName,
                Schema = v.Schema,
                Columns = v.Columns,
                RowCount = v.RowCount,
                ColumnCount = v.ColumnCount,
                Profile = null,
                SchemaWarnings = v.SchemaWarnings,
                CreatedBy = v.CreatedBy,
                CreateTime = v.CreateTime,
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return versions.ConvertAll(v => v.ToInfo());
    }
}
