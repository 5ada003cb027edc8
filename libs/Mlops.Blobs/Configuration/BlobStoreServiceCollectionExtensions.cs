using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mlops.Blobs.Configuration;

public static class BlobStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IBlobStore"/> as a singleton for <c>ConnectionStrings:blobs</c>
    /// (environment <c>ConnectionStrings__blobs</c>), or the local folder store when it is absent.
    /// An Entra ID store uses <see cref="BlobStoreOptions.Credential"/>, else a
    /// <see cref="TokenCredential"/> registered in the container, else DefaultAzureCredential.
    /// </summary>
    public static IServiceCollection AddBlobStore(this IServiceCollection services, IConfiguration configuration, Action<BlobStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton<IBlobStore>(provider =>
        {
            var options = new BlobStoreOptions();
            configure?.Invoke(options);
            options.Credential ??= provider.GetService<TokenCredential>();
            return BlobStoreFactory.Create(configuration, options);
        });
        return services;
    }
}
