using Mlops.Registry.Application.Search;
using Mlops.Registry.Application.Workspaces;

namespace Mlops.Registry.Application.Versions;

/// <summary>Listing a model's versions and searching models and versions, in keyset-paged pages.</summary>
public sealed class SearchUseCases(IRegistryStore registry, IWorkspaceStore workspaces, IRegistrySearchStore search)
{
    /// <summary>
    /// What one page may weigh as the caller measures its items: a page is cut short rather than outgrow it, so that
    /// a page of large versions still fits a response (gRPC's 4 MiB) whatever page_size asked for.
    /// </summary>
    public const int MaxPageBytes = 2 * 1024 * 1024;

    private static readonly IReadOnlyList<OrderByField> ModelOrder = RegistrySearchSchemas.Models.ParseOrderBy(["name"]);
    private static readonly IReadOnlyList<OrderByField> VersionOrder = RegistrySearchSchemas.ModelVersions.ParseOrderBy(["create_time DESC"]);
    private static readonly IReadOnlyList<OrderByField> ListOrder = RegistrySearchSchemas.ModelVersions.ParseOrderBy(["version DESC"]);

    public async Task<SearchPage<ModelInfo>> SearchModelsAsync(SearchRequest request, Func<ModelInfo, int> sizeOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var workspace = RegistryRules.Workspace("workspace", request.Workspace);
        var size = RegistryRules.PageSize(request.PageSize);
        var schema = RegistrySearchSchemas.Models;
        var filter = schema.ParseFilter(request.Filter);
        var order = request.OrderBy.Count == 0 ? ModelOrder : schema.ParseOrderBy(request.OrderBy);
        var fingerprint = SearchPageTokens.Fingerprint("models", workspace, "", request.Filter ?? "", request.OrderBy);
        var after = SearchPageTokens.Decode(request.PageToken, fingerprint, order);
        await EnsureWorkspaceAsync(workspace, cancellationToken).ConfigureAwait(false);

        var hits = await search.SearchModelsAsync(new SearchQuery(workspace, null, filter, order, after, size + 1), cancellationToken).ConfigureAwait(false);
        return Page(hits, size, fingerprint, order, sizeOf);
    }

    public async Task<SearchPage<ModelVersionInfo>> SearchVersionsAsync(SearchRequest request, Func<ModelVersionInfo, int> sizeOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var workspace = RegistryRules.Workspace("workspace", request.Workspace);
        var modelName = string.IsNullOrEmpty(request.ModelName) ? "" : RegistryRules.Name("model_name", request.ModelName);
        var size = RegistryRules.PageSize(request.PageSize);
        var schema = RegistrySearchSchemas.ModelVersions;
        var filter = schema.ParseFilter(request.Filter);
        var order = request.OrderBy.Count == 0 ? VersionOrder : schema.ParseOrderBy(request.OrderBy);
        var fingerprint = SearchPageTokens.Fingerprint("versions", workspace, modelName, request.Filter ?? "", request.OrderBy);
        var after = SearchPageTokens.Decode(request.PageToken, fingerprint, order);
        Guid? modelId = null;
        if (modelName.Length > 0)
        {
            modelId = (await FindModelAsync(workspace, modelName, cancellationToken).ConfigureAwait(false)).Id;
        }
        else
        {
            await EnsureWorkspaceAsync(workspace, cancellationToken).ConfigureAwait(false);
        }

        var hits = await search.SearchVersionsAsync(new SearchQuery(workspace, modelId, filter, order, after, size + 1), cancellationToken).ConfigureAwait(false);
        return Page(hits, size, fingerprint, order, sizeOf);
    }

    /// <summary>A model's versions, the highest number first.</summary>
    public async Task<SearchPage<ModelVersionInfo>> ListVersionsAsync(
        string? workspace, string? modelName, int pageSize, string? pageToken, Func<ModelVersionInfo, int> sizeOf, CancellationToken cancellationToken)
    {
        var validWorkspace = RegistryRules.Workspace("workspace", workspace);
        var validName = RegistryRules.Name("model_name", modelName);
        var size = RegistryRules.PageSize(pageSize);
        var fingerprint = SearchPageTokens.Fingerprint("list", validWorkspace, validName, "", []);
        var after = SearchPageTokens.Decode(pageToken, fingerprint, ListOrder);
        var model = await FindModelAsync(validWorkspace, validName, cancellationToken).ConfigureAwait(false);

        var query = new SearchQuery(validWorkspace, model.Id, ValidatedFilter.MatchAll, ListOrder, after, size + 1);
        var hits = await search.SearchVersionsAsync(query, cancellationToken).ConfigureAwait(false);
        return Page(hits, size, fingerprint, ListOrder, sizeOf);
    }

    /// <summary>At most <paramref name="size"/> items and, beyond the first, no more than <see cref="MaxPageBytes"/>.</summary>
    private static SearchPage<T> Page<T>(IReadOnlyList<SearchHit<T>> hits, int size, string fingerprint, IReadOnlyList<OrderByField> order, Func<T, int> sizeOf)
    {
        var items = new List<T>(Math.Min(size, hits.Count));
        long bytes = 0;
        foreach (var hit in hits.Take(size))
        {
            var itemBytes = sizeOf(hit.Item);
            if (items.Count > 0 && bytes + itemBytes > MaxPageBytes)
            {
                break;
            }

            items.Add(hit.Item);
            bytes += itemBytes;
        }

        return hits.Count > items.Count
            ? new SearchPage<T>(items, SearchPageTokens.Encode(fingerprint, hits[items.Count - 1].Cursor, order))
            : new SearchPage<T>(items, "");
    }

    private async Task<ModelInfo> FindModelAsync(string workspace, string name, CancellationToken cancellationToken) =>
        await registry.FindModelAsync(workspace, name, cancellationToken).ConfigureAwait(false)
            ?? throw RegistryException.NotFound($"Model '{name}' does not exist in workspace '{workspace}'.");

    private async Task EnsureWorkspaceAsync(string workspace, CancellationToken cancellationToken) =>
        _ = await workspaces.FindAsync(workspace, cancellationToken).ConfigureAwait(false)
            ?? throw RegistryException.NotFound($"Workspace '{workspace}' does not exist.");
}
