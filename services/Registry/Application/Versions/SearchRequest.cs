namespace Mlops.Registry.Application.Versions;

/// <summary>A search as the caller asked for it; <see cref="ModelName"/> null or empty means every model.</summary>
public sealed record SearchRequest(
    string? Workspace,
    string? ModelName,
    string? Filter,
    IReadOnlyList<string> OrderBy,
    int PageSize,
    string? PageToken);
