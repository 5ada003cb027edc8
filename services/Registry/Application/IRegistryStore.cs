using Mlops.EventContracts;

namespace Mlops.Registry.Application;

/// <summary>The registry's state. Each write commits its integration event in the same transaction.</summary>
public interface IRegistryStore
{
    /// <exception cref="RegistryException">ALREADY_EXISTS: the workspace has a model of that name.</exception>
    Task AddModelAsync(ModelInfo model, ModelCreated created, CancellationToken cancellationToken);

    Task<ModelInfo?> FindModelAsync(string workspace, string name, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="take"/> models of the workspace ordered by name, after <paramref name="afterName"/> when given.</summary>
    Task<IReadOnlyList<ModelInfo>> ListModelsAsync(string workspace, string? afterName, int take, CancellationToken cancellationToken);

    Task<ModelVersionInfo?> FindVersionAsync(string workspace, string modelName, int version, CancellationToken cancellationToken);

    /// <summary>
    /// Holds the model against every other change, hands it with its versions and aliases to <paramref name="deleted"/>
    /// (which may refuse by throwing), then deletes the model and everything under it with the event it returns.
    /// Returns what was deleted; the artifacts are the caller's to remove.
    /// </summary>
    /// <exception cref="RegistryException">NOT_FOUND: the model no longer exists.</exception>
    Task<ModelDeletionSnapshot> DeleteModelAsync(ModelInfo model, Func<ModelDeletionSnapshot, ModelDeleted> deleted, CancellationToken cancellationToken);
}
