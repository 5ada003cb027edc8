using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mlops.Blobs;
using Mlops.Registry.Application;
using Mlops.Registry.Application.Uploads;
using Mlops.Registry.Infrastructure;
using Mlops.Registry.Infrastructure.Uploads;
using Mlops.Registry.Tests.Infrastructure;

namespace Mlops.Registry.Tests.Uploads;

/// <summary>The sweeper of expired uploads, step by step, as several registry instances run it on one database.</summary>
[Collection(RegistryCollection.Name)]
public sealed class SweeperTests(RegistryFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Expired = TimeSpan.FromHours(1);
    private static readonly TimeSpan Fresh = TimeSpan.Zero;

    /// <summary>A bound only for failing: a sweep that waits on a lock instead of skipping it never returns.</summary>
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    private SweeperHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SweeperHarness.StartAsync(fixture);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task An_upload_whose_lease_ran_out_is_failed_with_its_blobs_deleted_and_a_live_one_is_left_alone()
    {
        var (modelId, uploads) = await _harness.PendingUploadsAsync(fixture.Blobs, Expired, Fresh);

        var swept = await _harness.NewSweeper().SweepOnceAsync(CancellationToken.None);

        Assert.Equal(1, swept);
        Assert.Equal("failed", await _harness.StatusAsync(uploads[0]));
        Assert.False(await FileExistsAsync(modelId, uploads[0]));
        Assert.Equal("pending_upload", await _harness.StatusAsync(uploads[1]));
        Assert.True(await FileExistsAsync(modelId, uploads[1]));
        await using var dbContext = _harness.NewDbContext();
        var failed = await dbContext.ModelVersions.SingleAsync(v => v.Id == uploads[0]);
        Assert.Contains("stopped before it completed", failed.StatusMessage, StringComparison.Ordinal);
        Assert.Null(failed.UploadHeartbeatAt);
        var entry = await dbContext.AuditEntries.SingleAsync(e => e.Action == "model_version.upload_failed");
        Assert.Equal(ExpiredUploadSweeper.Actor, entry.Actor);
        Assert.EndsWith("/versions/1", entry.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_another_instance_holds_is_skipped_not_waited_for_and_swept_once_released()
    {
        var (modelId, uploads) = await _harness.PendingUploadsAsync(fixture.Blobs, Expired, Expired, Expired);

        // Another instance is sweeping (or completing) the first upload: it holds the row's lock.
        await using var other = _harness.NewDbContext();
        var transaction = await other.Database.BeginTransactionAsync();
        await other.Database.SqlQuery<Guid>($"""SELECT id AS "Value" FROM model_versions WHERE id = {uploads[0]} FOR UPDATE""").ToListAsync();

        var meanwhile = await _harness.NewSweeper().SweepOnceAsync(CancellationToken.None).WaitAsync(Hang);

        Assert.Equal(2, meanwhile);
        Assert.Equal("pending_upload", await _harness.StatusAsync(uploads[0]));
        Assert.True(await FileExistsAsync(modelId, uploads[0]));
        Assert.Equal("failed", await _harness.StatusAsync(uploads[1]));
        Assert.Equal("failed", await _harness.StatusAsync(uploads[2]));

        await transaction.RollbackAsync();
        await transaction.DisposeAsync();
        var afterwards = await _harness.NewSweeper().SweepOnceAsync(CancellationToken.None);

        Assert.Equal(1, afterwards);
        Assert.Equal("failed", await _harness.StatusAsync(uploads[0]));
        Assert.False(await FileExistsAsync(modelId, uploads[0]));
        Assert.Equal(0, await _harness.NewSweeper().SweepOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Two_sweepers_at_once_fail_each_expired_upload_exactly_once()
    {
        await _harness.PendingUploadsAsync(fixture.Blobs, Enumerable.Repeat(Expired, 12).ToArray());

        var counts = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => _harness.NewSweeper().SweepOnceAsync(CancellationToken.None))));

        Assert.Equal(12, counts.Sum());
        await using var dbContext = _harness.NewDbContext();
        Assert.Equal(12, await dbContext.AuditEntries.CountAsync(e => e.Action == "model_version.upload_failed"));
    }

    [Fact]
    public async Task Completing_an_upload_the_sweeper_already_failed_is_refused_and_it_stays_failed()
    {
        var (modelId, uploads) = await _harness.PendingUploadsAsync(fixture.Blobs, Expired);
        await _harness.NewSweeper().SweepOnceAsync(CancellationToken.None);

        await using var scope = _harness.NewScope();
        var store = scope.ServiceProvider.GetRequiredService<IVersionUploadStore>();
        var ready = new ModelVersionInfo("default", "m", 1, "", new Dictionary<string, string>(), new string('1', 64), 3, "artifact", "b", RegistryClient.User, DateTimeOffset.UtcNow)
        {
            Id = uploads[0],
        };
        var completed = await store.CompleteAsync(
            modelId,
            ready,
            [new StoredArtifactFile("a.bin", new string('1', 64), 3, "b")],
            version => RegistryEvents.VersionRegistered(version),
            CancellationToken.None);

        Assert.False(completed);
        Assert.Equal("failed", await _harness.StatusAsync(uploads[0]));
        await using var dbContext = _harness.NewDbContext();
        Assert.False(await dbContext.ModelVersionFiles.AnyAsync(f => f.VersionId == uploads[0]));
        Assert.Equal(0, await dbContext.Models.Where(m => m.Id == modelId).Select(m => m.LatestVersion).SingleAsync());
    }

    private async Task<bool> FileExistsAsync(Guid modelId, Guid uploadId) =>
        await fixture.Blobs.ExistsAsync(BlobArtifactStore.Container, BlobArtifactStore.FileBlobName(modelId, uploadId, 0));
}
