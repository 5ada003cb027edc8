namespace Mlops.Blobs;

/// <summary>The blob or its container does not exist (<see cref="BlobStoreException.ErrorCode"/> tells which).</summary>
public sealed class BlobNotFoundException(string errorCode, string message, Exception? innerException = null)
    : BlobStoreException(404, errorCode, message, innerException)
{
    public bool IsContainerMissing => ErrorCode == BlobErrorCodes.ContainerNotFound;

    internal static BlobNotFoundException Container(string container) =>
        new(BlobErrorCodes.ContainerNotFound, $"The container '{container}' does not exist.");

    internal static BlobNotFoundException Blob(string container, string blobName) =>
        new(BlobErrorCodes.BlobNotFound, $"The blob '{blobName}' does not exist in container '{container}'.");
}
