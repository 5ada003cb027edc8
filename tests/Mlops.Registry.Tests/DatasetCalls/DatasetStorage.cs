using Microsoft.EntityFrameworkCore;
using Mlops.Blobs;
using Mlops.Registry.Infrastructure;
using Mlops.Registry.Infrastructure.Datasets;
using Mlops.Registry.Tests.Infrastructure;

namespace Mlops.Registry.Tests.DatasetCalls;

/// <summary>What the registry stored for a dataset, read straight from its database and blob container.</summary>
internal static class DatasetStorage
{
    /// <summary>The file blobs stored for a dataset (committed or not yet cleaned up).</summary>
    public static async Task<List<string>> DatasetBlobsAsync(this RegistryFixture registry, string datasetName, string workspace = "default")
    {
        await using var dbContext = registry.NewDbContext();
        var datasetId = await dbContext.Datasets.Where(d => d.Workspace == workspace && d.Name == datasetName).Select(d => d.Id).SingleAsync();
        var names = new List<string>();
        await foreach (var blob in registry.Blobs.ListAsync(BlobArtifactStore.Container, BlobDatasetFileStore.UploadsPrefix(datasetId)))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    public static async Task<int> DatasetVersionRowsAsync(this RegistryFixture registry, string datasetName, string workspace = "default")
    {
        await using var dbContext = registry.NewDbContext();
        return await dbContext.DatasetVersions.CountAsync(v => v.Dataset!.Workspace == workspace && v.Dataset.Name == datasetName);
    }

    /// <summary>The profile column of a version as PostgreSQL returns it (jsonb: its own key order and spacing).</summary>
    public static async Task<string?> StoredProfileAsync(this RegistryFixture registry, string datasetName, int version, string workspace = "default")
    {
        await using var dbContext = registry.NewDbContext();
        return await dbContext.DatasetVersions
            .Where(v => v.Dataset!.Workspace == workspace && v.Dataset.Name == datasetName && v.Version == version)
            .Select(v => v.Profile)
            .SingleAsync();
    }
}
