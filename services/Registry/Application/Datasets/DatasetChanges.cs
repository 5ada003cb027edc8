namespace Mlops.Registry.Application.Datasets;

/// <summary>What an update changes: a null <see cref="Description"/> or <see cref="Tags"/> stays as it is; tags are replaced whole.</summary>
public sealed record DatasetChanges(string? Workspace, string? Name, string? Description, IReadOnlyDictionary<string, string>? Tags);
