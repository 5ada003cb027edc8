namespace Mlops.Blobs.Configuration;

public enum BlobStoreKind
{
    /// <summary>A folder on this machine (<see cref="Local.LocalFolderBlobStore"/>).</summary>
    LocalFolder,

    /// <summary>Azure Blob Storage or Azurite, with the account key.</summary>
    AzureSharedKey,

    /// <summary>Azure Blob Storage with Entra ID tokens (no key in the connection string).</summary>
    AzureEntraId,
}
