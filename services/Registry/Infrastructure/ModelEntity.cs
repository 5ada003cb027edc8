using Mlops.Registry.Application;

namespace Mlops.Registry.Infrastructure;

public sealed class ModelEntity
{
    public required Guid Id { get; init; }

    public required string Workspace { get; init; }

    public required string Name { get; init; }

    public required string Description { get; init; }

    public required Dictionary<string, string> Tags { get; init; }

    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreateTime { get; init; }

    /// <summary>The highest number of a READY version; 0 while there is none.</summary>
    public int LatestVersion { get; init; }

    /// <summary>Raised by every update of the description or tags; the etag is made of it.</summary>
    public long Revision { get; init; } = 1;

    public DateTimeOffset UpdateTime { get; init; }

    public static ModelEntity From(ModelInfo model) => new()
    {
        Id = model.Id,
        Workspace = model.Workspace,
        Name = model.Name,
        Description = model.Description,
        Tags = new Dictionary<string, string>(model.Tags, StringComparer.Ordinal),
        CreatedBy = model.CreatedBy,
        CreateTime = model.CreateTime,
        LatestVersion = model.LatestVersion,
        Revision = model.Revision,
        UpdateTime = model.UpdateTime,
    };

    /// <summary>
    /// The last number an upload reserved, raised atomically when a header arrives; never lowered, so no number is
    /// given twice. Rows from before it existed hold 0, so a reservation takes the greater of it and <see cref="LatestVersion"/>.
    /// </summary>
    public int LastReservedVersion { get; init; }

    public ModelInfo ToInfo() => new(Id, Workspace, Name, Description, Tags, CreatedBy, CreateTime, LatestVersion) { Revision = Revision, UpdateTime = UpdateTime };
}
