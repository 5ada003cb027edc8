using Mlops.EventContracts;

namespace Mlops.Registry.Application.Versions;

/// <summary>Conditional writes of models and versions: each applies only if the stored revision is the one read.</summary>
public interface IModelUpdateStore
{
    /// <summary>
    /// Stores the description, tags, revision and update time of <paramref name="updated"/>, with the event, if the
    /// model's revision is still <paramref name="expectedRevision"/>; false (and nothing written) otherwise.
    /// </summary>
    Task<bool> UpdateModelAsync(ModelInfo updated, long expectedRevision, ModelUpdated updatedEvent, CancellationToken cancellationToken);

    /// <summary>As <see cref="UpdateModelAsync"/>, for a version's description, tags, metrics, revision and update time.</summary>
    Task<bool> UpdateVersionAsync(ModelVersionInfo updated, long expectedRevision, ModelVersionUpdated updatedEvent, CancellationToken cancellationToken);
}
