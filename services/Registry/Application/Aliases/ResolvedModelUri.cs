namespace Mlops.Registry.Application.Aliases;

/// <summary>The version a model URI names, with its approval status and aliases, and the alias the URI used (empty for a number).</summary>
public sealed record ResolvedModelUri(ModelVersionInfo Version, string Alias);
