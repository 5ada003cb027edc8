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
}
