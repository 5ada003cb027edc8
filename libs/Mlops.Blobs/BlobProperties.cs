namespace Mlops.Blobs;

/// <summary>What a store knows of one blob. Metadata names compare case-insensitively.</summary>
public sealed record BlobProperties(
    string Container,
    string Name,
    long Size,
    string ContentType,
    string ETag,
    DateTimeOffset LastModified,
    IReadOnlyDictionary<string, string> Metadata);
