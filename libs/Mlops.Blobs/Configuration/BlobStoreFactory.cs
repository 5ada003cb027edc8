using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Mlops.Blobs.Azure;
using Mlops.Blobs.Local;

namespace Mlops.Blobs.Configuration;

public static class BlobStoreFactory
{
    /// <summary>The Aspire connection string name: <c>ConnectionStrings__blobs</c>.</summary>
    public const string ConnectionStringName = "blobs";

    /// <summary>The store the connection string names; the local folder store when it is null or blank.</summary>
    public static IBlobStore Create(string? connectionString, BlobStoreOptions? options = null)
    {
        options ??= new BlobStoreOptions();
        var parsed = string.IsNullOrWhiteSpace(connectionString)
            ? BlobConnectionString.ForLocalFolder(options.DefaultLocalFolder)
            : BlobConnectionString.Parse(connectionString);
        return Create(parsed, options);
    }

    public static IBlobStore Create(BlobConnectionString connectionString, BlobStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        options ??= new BlobStoreOptions();
        return connectionString.Kind switch
        {
            BlobStoreKind.LocalFolder => new LocalFolderBlobStore(connectionString.LocalFolder!),
            BlobStoreKind.AzureSharedKey => new AzureBlobStore(connectionString.ServiceUri!, connectionString.SharedKey!, options.Azure),
            _ => new AzureBlobStore(connectionString.ServiceUri!, options.Credential ?? new DefaultAzureCredential(), options.Azure),
        };
    }

    /// <summary>The store for <c>ConnectionStrings:blobs</c> in <paramref name="configuration"/>.</summary>
    public static IBlobStore Create(IConfiguration configuration, BlobStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Create(configuration.GetConnectionString(ConnectionStringName), options);
    }
}
