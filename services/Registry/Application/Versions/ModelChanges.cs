namespace Mlops.Registry.Application.Versions;

/// <summary>An UpdateModel request: a new description (null: unchanged), tags to set and remove, the etag as read (null or empty: any).</summary>
public sealed record ModelChanges(
    string? Workspace,
    string? Name,
    string? Description,
    IReadOnlyDictionary<string, string> SetTags,
    IReadOnlyList<string> RemoveTags,
    string? Etag);
