using Mlops.Hosting.ApplicationModel;

namespace Mlops.Hosting;

public static class AzuriteBuilderExtensions
{
    /// <summary>A storage account emulated by the local Azurite (npm, pinned by a lockfile).</summary>
    public static IResourceBuilder<AzuriteResource> AddAzurite(this DistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddResource(new AzuriteResource(name, builder.LocalServers.Azurite));
    }

    /// <summary>The account's blob service; its connection string is what <c>ConnectionStrings__{name}</c> carries.</summary>
    public static IResourceBuilder<BlobStorageResource> AddBlobs(this IResourceBuilder<AzuriteResource> account, string name)
    {
        ArgumentNullException.ThrowIfNull(account);
        return account.ApplicationBuilder.AddResource(new BlobStorageResource(name, account.Resource));
    }
}
