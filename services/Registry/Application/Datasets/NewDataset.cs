namespace Mlops.Registry.Application.Datasets;

public sealed record NewDataset(string? Workspace, string? Name, string? Description, IReadOnlyDictionary<string, string> Tags);
