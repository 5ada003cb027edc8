using System.Diagnostics;
using Mlops.Blobs.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Mlops.Blobs.Tests;

/// <summary>A GiB through Azurite and back; runs alone (see <see cref="LargeTransfers"/>) so that what it measures is its own memory.</summary>
[Collection(nameof(LargeTransfers))]
public sealed class LargeTransferTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const long GiB = 1L << 30;
    private const long MemoryBound = 200L * 1024 * 1024;

    [Fact]
    public async Task One_GiB_from_a_non_seekable_stream_goes_up_and_comes_back_in_bounded_memory()
    {
        var store = azurite.CreateStore();
        await store.CreateContainerIfNotExistsAsync("large");
        using var source = new GeneratedStream(GiB, seed: 42);

        var probe = MemoryProbe.Start();
        var clock = Stopwatch.StartNew();
        var uploaded = await store.UploadAsync("large", "one-gib.bin", source);
        var uploadTime = clock.Elapsed;
        var uploadMemory = probe.Stop();

        probe = MemoryProbe.Start();
        clock.Restart();
        string sha256;
        long length;
        await using (var download = await store.OpenReadAsync("large", "one-gib.bin"))
        {
            Assert.Equal(GiB, download.Length);
            (sha256, length) = await StreamHashing.HashAsync(download.Content);
        }

        var downloadTime = clock.Elapsed;
        var downloadMemory = probe.Stop();
        await store.DeleteAsync("large", "one-gib.bin");

        output.WriteLine($"upload:   {uploadTime.TotalSeconds:F1} s, {GiB / (1024 * 1024) / uploadTime.TotalSeconds:F0} MiB/s; {uploadMemory}");
        output.WriteLine($"download: {downloadTime.TotalSeconds:F1} s, {GiB / (1024 * 1024) / downloadTime.TotalSeconds:F0} MiB/s; {downloadMemory}");
        Assert.Equal(GiB, uploaded.Size);
        Assert.Equal(source.Sha256, uploaded.Sha256);
        Assert.Equal(GiB, length);
        Assert.Equal(source.Sha256, sha256);
        Assert.InRange(uploadMemory.PeakManagedGrowth, 0, MemoryBound);
        Assert.InRange(uploadMemory.PeakResidentGrowth, 0, MemoryBound);
        Assert.InRange(downloadMemory.PeakManagedGrowth, 0, MemoryBound);
        Assert.InRange(downloadMemory.PeakResidentGrowth, 0, MemoryBound);
    }
}
