namespace Mlops.Registry.Application.Datasets;

/// <summary>One page of versions, newest first, without profiles; <see cref="NextPageToken"/> is empty on the last page.</summary>
public sealed record DatasetVersionPage(IReadOnlyList<DatasetVersionInfo> Versions, string NextPageToken);
