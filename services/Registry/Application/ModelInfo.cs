namespace Mlops.Registry.Application;

public sealed record ModelInfo(
    Guid Id,
    string Workspace,
    string Name,
    string Description,
    IReadOnlyDictionary<string, string> Tags,
    string CreatedBy,
    DateTimeOffset CreateTime,
    int LatestVersion)
{
    /// <summary>Raised by every update of the description or tags; the etag is made of it.</summary>
    public long Revision { get; init; } = 1;

    /// <summary>When the description or tags last changed; the create time until then.</summary>
    public DateTimeOffset UpdateTime { get; init; }
}
