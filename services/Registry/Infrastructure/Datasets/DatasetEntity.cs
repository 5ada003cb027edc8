using Mlops.Registry.Application.Datasets;

namespace Mlops.Registry.Infrastructure.Datasets;

public sealed class DatasetEntity
{
    public required Guid Id { get; init; }

    public required string Workspace { get; init; }

    public required string Name { get; init; }

    public required string Description { get; set; }

    public required Dictionary<string, string> Tags { get; set; }

    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreateTime { get; init; }

    public required DateTimeOffset UpdateTime { get; set; }

    /// <summary>The number the last version got; raised atomically when a version is added.</summary>
    public int LatestVersion { get; init; }

    public static DatasetEntity From(DatasetInfo dataset) => new()
    {
        Id = dataset.Id,
        Workspace = dataset.Workspace,
        Name = dataset.Name,
        Description = dataset.Description,
        Tags = new Dictionary<string, string>(dataset.Tags, StringComparer.Ordinal),
        CreatedBy = dataset.CreatedBy,
        CreateTime = dataset.CreateTime,
        UpdateTime = dataset.UpdateTime,
        LatestVersion = dataset.LatestVersion,
    };

    public DatasetInfo ToInfo() => new(Id, Workspace, Name, Description, Tags, CreatedBy, CreateTime, UpdateTime, LatestVersion);
}
