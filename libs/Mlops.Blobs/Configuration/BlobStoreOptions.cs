using Azure.Core;
using Mlops.Blobs.Azure;

namespace Mlops.Blobs.Configuration;

/// <summary>What <see cref="BlobStoreFactory"/> needs beyond the connection string.</summary>
public sealed class BlobStoreOptions
{
    /// <summary>Transport, retries, block size and parallelism for the Azure kinds.</summary>
    public AzureBlobStoreOptions Azure { get; } = new();

    /// <summary>The Entra ID credential; null uses <c>DefaultAzureCredential</c>.</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>The local store's folder when no connection string is given.</summary>
    public string DefaultLocalFolder { get; set; } = DefaultLocalFolderPath();

    private static string DefaultLocalFolderPath()
    {
        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return Path.Combine(string.IsNullOrEmpty(data) ? Path.GetTempPath() : data, "mlops", "blobs");
    }
}
