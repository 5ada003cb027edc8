namespace Mlops.Registry.Application;

public sealed record ModelInfo(
    Guid Id,
    string Workspace,
    string Name,
    string Description,
    IReadOnlyDictionary<string, string> Tags,
    string CreatedBy,
    DateTimeOffset CreateTime,
    int LatestVersion);
