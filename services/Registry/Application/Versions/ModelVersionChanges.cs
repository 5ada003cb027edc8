namespace Mlops.Registry.Application.Versions;

/// <summary>An UpdateModelVersion request: as <see cref="ModelChanges"/>, plus metrics to add.</summary>
public sealed record ModelVersionChanges(
    string? Workspace,
    string? ModelName,
    int Version,
    string? Description,
    IReadOnlyDictionary<string, string> SetTags,
    IReadOnlyList<string> RemoveTags,
    IReadOnlyDictionary<string, double> AddMetrics,
    string? Etag);
