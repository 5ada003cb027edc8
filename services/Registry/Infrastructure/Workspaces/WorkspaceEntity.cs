using Mlops.Registry.Application.Workspaces;

namespace Mlops.Registry.Infrastructure.Workspaces;

public sealed class WorkspaceEntity
{
    public required string Name { get; init; }

    public required string Description { get; init; }

    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreateTime { get; init; }

    public static WorkspaceEntity From(WorkspaceInfo workspace) => new()
    {
        Name = workspace.Name,
        Description = workspace.Description,
        CreatedBy = workspace.CreatedBy,
        CreateTime = workspace.CreateTime,
    };

    public WorkspaceInfo ToInfo() => new(Name, Description, CreatedBy, CreateTime);
}
