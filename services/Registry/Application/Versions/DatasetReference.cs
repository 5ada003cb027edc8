namespace Mlops.Registry.Application.Versions;

/// <summary>A dataset version of the model's workspace, by name and number; only a reference, not checked to exist.</summary>
public sealed record DatasetReference(string DatasetName, int Version, DatasetUse Role);
