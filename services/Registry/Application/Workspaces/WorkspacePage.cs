namespace Mlops.Registry.Application.Workspaces;

/// <summary>One page of workspaces; <see cref="NextPageToken"/> is empty on the last page.</summary>
public sealed record WorkspacePage(IReadOnlyList<WorkspaceInfo> Workspaces, string NextPageToken);
