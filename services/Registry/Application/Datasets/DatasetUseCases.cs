using Mlops.EventContracts;
using Mlops.Registry.Application.Audit;

namespace Mlops.Registry.Application.Datasets;

/// <summary>Creating, reading, listing and updating datasets.</summary>
public sealed class DatasetUseCases(IDatasetStore store, IAuditLog audit, ICallerContext caller, TimeProvider timeProvider)
{
    public async Task<DatasetInfo> CreateAsync(NewDataset request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = Timestamps.Now(timeProvider);
        var dataset = new DatasetInfo(
            Guid.NewGuid(),
            RegistryRules.Workspace("workspace", request.Workspace),
            RegistryRules.Name("name", request.Name),
            RegistryRules.Description("description", request.Description),
            RegistryRules.Tags("tags", request.Tags),
            caller.UserName,
            now,
            now,
            LatestVersion: 0);
        var created = DatasetEvents.Created(dataset);
        audit.Record(new AuditEntry(dataset.Workspace, dataset.CreatedBy, "dataset.create", created.Subject, now, new Dictionary<string, string>()));
        await store.AddDatasetAsync(dataset, created, cancellationToken).ConfigureAwait(false);
        return dataset;
    }

    public async Task<DatasetInfo> GetAsync(string? workspace, string? name, CancellationToken cancellationToken)
    {
        var validWorkspace = RegistryRules.Workspace("workspace", workspace);
        var validName = RegistryRules.Name("name", name);
        return await store.FindDatasetAsync(validWorkspace, validName, cancellationToken).ConfigureAwait(false)
            ?? throw NotFound(validWorkspace, validName);
    }

    public async Task<DatasetPage> ListAsync(string? workspace, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        var validWorkspace = RegistryRules.Workspace("workspace", workspace);
        var size = RegistryRules.PageSize(pageSize);
        var after = PageTokens.Decode(pageToken);
        var fetched = await store.ListDatasetsAsync(validWorkspace, after, size + 1, cancellationToken).ConfigureAwait(false);
        var (datasets, nextPageToken) = NamePages.Cut(fetched, size, dataset => dataset.Name);
        return new DatasetPage(datasets, nextPageToken);
    }

    public async Task<DatasetInfo> UpdateAsync(DatasetChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var workspace = RegistryRules.Workspace("dataset.workspace", changes.Workspace);
        var name = RegistryRules.Name("dataset.name", changes.Name);
        var description = changes.Description is null ? null : RegistryRules.Description("dataset.description", changes.Description);
        var tags = changes.Tags is null ? null : RegistryRules.Tags("dataset.tags", changes.Tags);
        if (description is null && tags is null)
        {
            throw RegistryException.Invalid("The update changes nothing: name \"description\" and/or \"tags\" in update_mask, or set them in dataset.");
        }

        var now = Timestamps.Now(timeProvider);
        var changed = string.Join(",", new[] { description is null ? null : "description", tags is null ? null : "tags" }.OfType<string>());
        audit.Record(new AuditEntry(
            workspace, caller.UserName, "dataset.update", EventSubjects.Dataset(workspace, name), now, new Dictionary<string, string> { ["fields"] = changed }));
        return await store.UpdateDatasetAsync(workspace, name, description, tags, now, cancellationToken).ConfigureAwait(false)
            ?? throw NotFound(workspace, name);
    }

    internal static RegistryException NotFound(string workspace, string name) =>
        RegistryException.NotFound($"Dataset '{name}' does not exist in workspace '{workspace}'.");
}
