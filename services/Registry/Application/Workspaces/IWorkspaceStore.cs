using Mlops.EventContracts;

namespace Mlops.Registry.Application.Workspaces;

public interface IWorkspaceStore
{
    /// <exception cref="RegistryException">ALREADY_EXISTS: a workspace of that name exists.</exception>
    Task AddAsync(WorkspaceInfo workspace, WorkspaceCreated created, CancellationToken cancellationToken);

    Task<WorkspaceInfo?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="take"/> workspaces ordered by name, after <paramref name="afterName"/> when given.</summary>
    Task<IReadOnlyList<WorkspaceInfo>> ListAsync(string? afterName, int take, CancellationToken cancellationToken);
}
