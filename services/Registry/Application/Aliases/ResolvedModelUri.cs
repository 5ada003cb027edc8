using Mlops.Registry.Application.Approvals;

namespace Mlops.Registry.Application.Aliases;

/// <summary>The version a model URI names, with its state, and the alias the URI used (empty for a number).</summary>
public sealed record ResolvedModelUri(ModelVersionInfo Version, ModelVersionState State, string Alias);
