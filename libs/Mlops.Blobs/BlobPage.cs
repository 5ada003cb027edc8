namespace Mlops.Blobs;

/// <summary>One page of a listing; pass <see cref="ContinuationToken"/> back for the next, until it is null.</summary>
public sealed record BlobPage(IReadOnlyList<BlobProperties> Items, string? ContinuationToken);
