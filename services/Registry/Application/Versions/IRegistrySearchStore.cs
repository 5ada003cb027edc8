namespace Mlops.Registry.Application.Versions;

/// <summary>Runs searches one page at a time, keyset-paged: each page continues after the previous page's last cursor.</summary>
public interface IRegistrySearchStore
{
    Task<IReadOnlyList<SearchHit<ModelInfo>>> SearchModelsAsync(SearchQuery query, CancellationToken cancellationToken);

    /// <summary>Versions without their input example, which only a single read returns.</summary>
    Task<IReadOnlyList<SearchHit<ModelVersionInfo>>> SearchVersionsAsync(SearchQuery query, CancellationToken cancellationToken);
}
