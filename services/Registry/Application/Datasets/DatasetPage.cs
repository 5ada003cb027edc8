namespace Mlops.Registry.Application.Datasets;

/// <summary>One page of datasets; <see cref="NextPageToken"/> is empty on the last page.</summary>
public sealed record DatasetPage(IReadOnlyList<DatasetInfo> Datasets, string NextPageToken);
