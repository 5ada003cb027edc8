namespace Mlops.Blobs;

public sealed record BlobUploadOptions
{
    public static BlobUploadOptions Default { get; } = new();

    /// <summary>Null stores <c>application/octet-stream</c>.</summary>
    public string? ContentType { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
