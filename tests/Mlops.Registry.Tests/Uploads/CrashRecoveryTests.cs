using Microsoft.EntityFrameworkCore;
using Mlops.Blobs;
using Mlops.Grpc;
using Mlops.Registry.Infrastructure;
using Mlops.Registry.Tests.Infrastructure;
using Mlops.Registry.V1;
using Mlops.Testing;

namespace Mlops.Registry.Tests.Uploads;

/// <summary>
/// A registry SIGKILLed in the middle of an upload, on a database of its own, with a lease of a few seconds: nothing
/// half written survives the restart, and the model takes uploads again. (The lease is short for the test's sake, not
/// so short that a loaded machine delays a renewal past it.)
/// </summary>
[Collection(RegistryCollection.Name)]
public sealed class CrashRecoveryTests(RegistryFixture fixture)
{
    private const int MiB = 1024 * 1024;

    private static readonly Dictionary<string, string> ShortLease = new()
    {
        ["Uploads__Lease"] = "00:00:05",
        ["Uploads__SweepInterval"] = "00:00:01",
    };

    [Fact]
    public async Task A_registry_killed_mid_upload_leaves_no_ready_version_and_after_restart_the_partial_artifact_is_gone()
    {
        var database = await fixture.CreateDatabaseAsync("crash");
        await using var registry = await RegistryProcess.StartAsync(database, fixture.Servers, ShortLease);
        var name = ModelTests.UniqueName("crash");
        await registry.Client.CreateModelAsync(name);

        // A directory whose first file is stored whole and whose second, large one is cut off halfway: a committed
        // blob and uncommitted blocks, the two things a crash can leave.
        var small = RegistryClient.RandomArtifact(MiB);
        var large = RegistryClient.RandomArtifact(48 * MiB);
        var files = new List<(string Path, byte[] Content)> { ("a/small.bin", small), ("b/large.bin", large) };
        var messages = RegistryClient.DirectoryMessages(RegistryClient.DirectoryHeader(name, files), files, MiB).ToList();
        var call = registry.Client.OpenUpload();
        var sent = messages.Count / 2;
        foreach (var message in messages.Take(sent))
        {
            await call.RequestStream.WriteAsync(message);
        }

        await using var db = DbContext(database);
        var upload = await Eventually.ResultAsync(() => PendingVersion(db, name), "the header reserves a pending version");
        var modelId = upload.ModelId;
        var committed = BlobArtifactStore.FileBlobName(modelId, upload.Id, 0);
        var halfWritten = BlobArtifactStore.FileBlobName(modelId, upload.Id, 1);
        await Eventually.UntilAsync(
            async () => await AzuriteBlocks.UncommittedAsync(fixture.Servers.Azurite, halfWritten) > 0 && await ExistsAsync(committed),
            "the first file is committed and blocks of the second are staged");

        await registry.KillAsync();
        call.Dispose();

        // Killed: the version never became READY, whatever the client had sent.
        Assert.Equal("pending_upload", await StatusAsync(db, upload.Id));
        Assert.Equal(0, await db.Models.Where(m => m.Id == modelId).Select(m => m.LatestVersion).SingleAsync());

        await registry.RestartAsync();
        await Eventually.UntilAsync(async () => await StatusAsync(db, upload.Id) == "failed", "the sweeper fails the expired upload after the restart");

        Assert.Empty(await BlobsUnderAsync(BlobArtifactStore.UploadPrefix(modelId, upload.Id)));
        Assert.Null(await AzuriteBlocks.UncommittedAsync(fixture.Servers.Azurite, halfWritten));
        Assert.False(await db.ModelVersions.AnyAsync(v => v.ModelId == modelId && v.Status == "ready"));
        var failed = await registry.Client.GetModelVersionAsync(name, 1);
        Assert.Equal(ModelVersionStatus.Failed, failed.Status);
        Assert.Contains("stopped before it completed", failed.StatusMessage, StringComparison.Ordinal);
        var download = await Assert.ThrowsAsync<RpcException>(() => registry.Client.DownloadAsync(name, 1));
        Assert.Equal(StatusCode.FailedPrecondition, download.StatusCode);
        Assert.Contains("FAILED", download.Status.Detail, StringComparison.Ordinal);

        // The model takes uploads again; the failed number stays used, so the new version is 2.
        var retry = RegistryClient.RandomArtifact((9 * MiB) + 7);
        var again = await registry.Client.UploadDirectoryAsync(name, [("a/small.bin", small), ("b/large.bin", retry)]);
        Assert.Equal(2, again.Version);
        Assert.Equal(ModelVersionStatus.Ready, again.Status);
        Assert.Equal(2, (await registry.Client.GetModelAsync(name)).LatestVersion);
        var downloaded = await registry.Client.DownloadMessagesAsync(new DownloadModelVersionArtifactRequest { ModelName = name, Version = 2, Path = "b/large.bin" });
        Assert.Equal(retry, downloaded.SelectMany(chunk => chunk.Data.ToByteArray()).ToArray());
    }

    private static RegistryDbContext DbContext(string connectionString) =>
        new(new DbContextOptionsBuilder<RegistryDbContext>().UseNpgsql(connectionString).Options);

    private static ModelVersionEntity? PendingVersion(RegistryDbContext db, string modelName) =>
        db.ModelVersions.AsNoTracking().SingleOrDefault(v => v.Model!.Name == modelName && v.Status == "pending_upload");

    private static Task<string> StatusAsync(RegistryDbContext db, Guid versionId) =>
        db.ModelVersions.AsNoTracking().Where(v => v.Id == versionId).Select(v => v.Status).SingleAsync();

    private async Task<bool> ExistsAsync(string blobName) => await fixture.Blobs.ExistsAsync(BlobArtifactStore.Container, blobName);

    private async Task<List<string>> BlobsUnderAsync(string prefix)
    {
        var names = new List<string>();
        await foreach (var blob in fixture.Blobs.ListAsync(BlobArtifactStore.Container, prefix))
        {
            names.Add(blob.Name);
        }

        return names;
    }
}
