namespace Mlops.Registry.Application.Aliases;

/// <summary>A parsed model URI: the model and either an alias or a version number.</summary>
public sealed record ModelUri(string ModelName, string? Alias, int? Version);
