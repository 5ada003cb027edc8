using Mlops.EventContracts;
using Mlops.Registry.Application.Audit;
using Mlops.Resources;

namespace Mlops.Registry.Application.Workspaces;

/// <summary>Creating, reading and listing workspaces.</summary>
public sealed class WorkspaceUseCases(IWorkspaceStore store, IAuditLog audit, ICallerContext caller, TimeProvider timeProvider)
{
    public async Task<WorkspaceInfo> CreateAsync(string? name, string? description, CancellationToken cancellationToken)
    {
        var workspace = new WorkspaceInfo(
            RegistryRules.Name("name", name),
            RegistryRules.Description("description", description),
            caller.UserName,
            Timestamps.Now(timeProvider));
        var subject = EventSubjects.Workspace(workspace.Name);
        audit.Record(new AuditEntry(workspace.Name, workspace.CreatedBy, "workspace.create", subject, workspace.CreateTime, new Dictionary<string, string>()));
        var created = new WorkspaceCreated(Guid.NewGuid(), workspace.CreateTime, ResourceNames.Registry, subject, workspace.Name, workspace.Description, workspace.CreatedBy);
        await store.AddAsync(workspace, created, cancellationToken).ConfigureAwait(false);
        return workspace;
    }

    public async Task<WorkspaceInfo> GetAsync(string? name, CancellationToken cancellationToken)
    {
        var validName = RegistryRules.Name("name", name);
        return await store.FindAsync(validName, cancellationToken).ConfigureAwait(false)
            ?? throw RegistryException.NotFound($"Workspace '{validName}' does not exist.");
    }

    public async Task<WorkspacePage> ListAsync(int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        var size = RegistryRules.PageSize(pageSize);
        var after = PageTokens.Decode(pageToken);
        var fetched = await store.ListAsync(after, size + 1, cancellationToken).ConfigureAwait(false);
        var (workspaces, nextPageToken) = NamePages.Cut(fetched, size, workspace => workspace.Name);
        return new WorkspacePage(workspaces, nextPageToken);
    }
}
