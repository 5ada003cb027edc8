using Mlops.Registry.Application.Audit;

namespace Mlops.Registry.Application;

/// <summary>Creating, reading and listing models.</summary>
public sealed class ModelUseCases(IRegistryStore store, IAuditLog audit, ICallerContext caller, TimeProvider timeProvider)
{
    public async Task<ModelInfo> CreateAsync(NewModel request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = Timestamps.Now(timeProvider);
        var model = new ModelInfo(
            Guid.NewGuid(),
            RegistryRules.Workspace("workspace", request.Workspace),
            RegistryRules.Name("name", request.Name),
            RegistryRules.Description("description", request.Description),
            RegistryRules.Tags("tags", request.Tags),
            caller.UserName,
            now,
            LatestVersion: 0)
        {
            UpdateTime = now,
        };
        var created = RegistryEvents.Created(model);
        audit.Record(new AuditEntry(model.Workspace, model.CreatedBy, "model.create", created.Subject, model.CreateTime, new Dictionary<string, string>()));
        await store.AddModelAsync(model, created, cancellationToken).ConfigureAwait(false);
        return model;
    }

    public async Task<ModelInfo> GetAsync(string? workspace, string? name, CancellationToken cancellationToken)
    {
        var validWorkspace = RegistryRules.Workspace("workspace", workspace);
        var validName = RegistryRules.Name("name", name);
        return await store.FindModelAsync(validWorkspace, validName, cancellationToken).ConfigureAwait(false)
            ?? throw RegistryException.NotFound($"Model '{validName}' does not exist in workspace '{validWorkspace}'.");
    }

    public async Task<ModelPage> ListAsync(string? workspace, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        var validWorkspace = RegistryRules.Workspace("workspace", workspace);
        var size = RegistryRules.PageSize(pageSize);
        var after = PageTokens.Decode(pageToken);
        var fetched = await store.ListModelsAsync(validWorkspace, after, size + 1, cancellationToken).ConfigureAwait(false);
        var (models, nextPageToken) = NamePages.Cut(fetched, size, model => model.Name);
        return new ModelPage(models, nextPageToken);
    }
}
