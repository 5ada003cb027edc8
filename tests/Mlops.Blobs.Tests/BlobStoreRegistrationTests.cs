using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mlops.Blobs.Azure;
using Mlops.Blobs.Configuration;
using Mlops.Blobs.Local;
using Mlops.Blobs.Tests.Infrastructure;

namespace Mlops.Blobs.Tests;

public sealed class BlobStoreRegistrationTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "mlops-blobs-tests-di-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Without_a_connection_string_the_local_folder_store_is_the_default()
    {
        using var provider = Build(new Dictionary<string, string?>(), o => o.DefaultLocalFolder = _root);

        var store = Assert.IsType<LocalFolderBlobStore>(provider.GetRequiredService<IBlobStore>());
        Assert.Equal(_root, store.RootPath);
        Assert.Same(store, provider.GetRequiredService<IBlobStore>());
        Assert.True(await store.CreateContainerIfNotExistsAsync("artifacts"));
        Assert.True(Directory.Exists(Path.Combine(_root, "artifacts")));
    }

    [Fact]
    public void The_aspire_environment_variable_selects_azure()
    {
        var prefix = "MLOPS_BLOBS_TEST_" + Guid.NewGuid().ToString("N") + "_";
        Environment.SetEnvironmentVariable(prefix + "ConnectionStrings__blobs", "UseDevelopmentStorage=true");
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();
            using var provider = new ServiceCollection().AddBlobStore(configuration).BuildServiceProvider();

            var store = Assert.IsType<AzureBlobStore>(provider.GetRequiredService<IBlobStore>());
            Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), store.ServiceUri);
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "ConnectionStrings__blobs", null);
        }
    }

    [Fact]
    public void A_local_folder_connection_string_is_honoured()
    {
        using var provider = Build(new Dictionary<string, string?> { ["ConnectionStrings:blobs"] = "LocalFolder=" + _root });
        Assert.Equal(_root, Assert.IsType<LocalFolderBlobStore>(provider.GetRequiredService<IBlobStore>()).RootPath);
    }

    [Fact]
    public void An_entra_store_takes_the_registered_token_credential()
    {
        var credential = new FakeTokenCredential("t");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:blobs"] = "https://mlopsprod.blob.core.windows.net/" })
            .Build();
        using var provider = new ServiceCollection()
            .AddSingleton<TokenCredential>(credential)
            .AddBlobStore(configuration)
            .BuildServiceProvider();

        var store = Assert.IsType<AzureBlobStore>(provider.GetRequiredService<IBlobStore>());
        Assert.Equal(new Uri("https://mlopsprod.blob.core.windows.net/"), store.ServiceUri);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<BlobStoreOptions>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddBlobStore(configuration, configure).BuildServiceProvider();
    }
}
