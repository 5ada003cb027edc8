namespace Mlops.Blobs;

/// <summary>The Blob service's error codes that this library gives meaning to; the local store uses the same.</summary>
public static class BlobErrorCodes
{
    public const string ContainerNotFound = "ContainerNotFound";
    public const string BlobNotFound = "BlobNotFound";
    public const string ContainerAlreadyExists = "ContainerAlreadyExists";
    public const string InvalidRange = "InvalidRange";
    public const string InvalidName = "InvalidResourceName";
    public const string InvalidMetadata = "InvalidMetadata";
}
