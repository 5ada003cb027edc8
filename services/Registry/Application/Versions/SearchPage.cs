namespace Mlops.Registry.Application.Versions;

/// <summary>One page of a listing or search; <see cref="NextPageToken"/> is empty on the last page.</summary>
public sealed record SearchPage<T>(IReadOnlyList<T> Items, string NextPageToken);
