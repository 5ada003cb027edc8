namespace Mlops.Registry.Application;

public sealed record NewModel(string? Workspace, string? Name, string? Description, IReadOnlyDictionary<string, string> Tags);
