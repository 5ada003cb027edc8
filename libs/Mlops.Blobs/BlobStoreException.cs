namespace Mlops.Blobs;

/// <summary>A blob operation that the store refused or failed: the HTTP status and the service's error code.</summary>
public class BlobStoreException(int status, string? errorCode, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The HTTP status code (the local store uses the one Azure would).</summary>
    public int Status { get; } = status;

    /// <summary>The service's error code, e.g. <see cref="BlobErrorCodes.BlobNotFound"/>; null when it gave none.</summary>
    public string? ErrorCode { get; } = errorCode;
}
