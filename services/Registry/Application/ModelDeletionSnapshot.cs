using Mlops.Registry.Application.Aliases;

namespace Mlops.Registry.Application;

/// <summary>A model as the store holds it locked for deletion: its versions, and the aliases pointing at them.</summary>
public sealed record ModelDeletionSnapshot(ModelInfo Model, IReadOnlyList<DeletableVersion> Versions, IReadOnlyList<StoredAlias> Aliases);
