namespace Mlops.Grpc.Client;

/// <summary>Per-call settings.</summary>
public readonly record struct CallOptions(
    Metadata? Headers = null,
    DateTime? Deadline = null,
    CancellationToken CancellationToken = default)
{
    /// <summary>grpc-encoding for the request messages (e.g. "gzip"); null sends them uncompressed.</summary>
    public string? WriteCompression { get; init; }

    public static CallOptions WithTimeout(TimeSpan timeout, Metadata? headers = null, CancellationToken cancellationToken = default) =>
        new(headers, DateTime.UtcNow + timeout, cancellationToken);
}
