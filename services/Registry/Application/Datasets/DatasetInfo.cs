namespace Mlops.Registry.Application.Datasets;

/// <summary>A dataset of a workspace; <see cref="Id"/> names its files' folder in storage and is never shown to callers.</summary>
public sealed record DatasetInfo(
    Guid Id,
    string Workspace,
    string Name,
    string Description,
    IReadOnlyDictionary<string, string> Tags,
    string CreatedBy,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    int LatestVersion);
