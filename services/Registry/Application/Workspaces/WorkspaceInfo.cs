namespace Mlops.Registry.Application.Workspaces;

public sealed record WorkspaceInfo(string Name, string Description, string CreatedBy, DateTimeOffset CreateTime);
