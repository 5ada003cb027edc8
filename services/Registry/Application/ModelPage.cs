namespace Mlops.Registry.Application;

/// <summary>One page of models; <see cref="NextPageToken"/> is empty on the last page.</summary>
public sealed record ModelPage(IReadOnlyList<ModelInfo> Models, string NextPageToken);
