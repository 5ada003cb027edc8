using Mlops.Blobs.Local;
using Mlops.Blobs.Tests.Infrastructure;

namespace Mlops.Blobs.Tests;

/// <summary>The store contract against the local folder store, plus what only it does on disk.</summary>
public sealed class LocalFolderBlobStoreTests : BlobStoreContractTests, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "mlops-blobs-tests-local-" + Guid.NewGuid().ToString("N"));
    private readonly LocalFolderBlobStore _store;

    public LocalFolderBlobStoreTests() => _store = new LocalFolderBlobStore(_root);

    protected override IBlobStore Store => _store;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Blobs_are_files_with_a_sidecar_and_no_temporary_files_remain()
    {
        var container = await NewContainerAsync();
        await Store.UploadAsync(container, "models/m.onnx", new byte[] { 1, 2, 3 }, new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["k"] = "v" } });
        await Store.SetMetadataAsync(container, "models/m.onnx", new Dictionary<string, string> { ["k"] = "w" });

        var files = Directory.GetFiles(Path.Combine(_root, container), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(_root, container), f))
            .Order(StringComparer.Ordinal);
        Assert.Equal(["models/m.onnx%blob", "models/m.onnx%meta"], files);
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(Path.Combine(_root, container, "models", "m.onnx%blob")));
    }

    [Fact]
    public async Task A_failed_upload_leaves_the_previous_blob_whole()
    {
        var container = await NewContainerAsync();
        await Store.UploadAsync(container, "keep", "old"u8.ToArray());

        await Assert.ThrowsAsync<IOException>(() => Store.UploadAsync(container, "keep", new FailingStream(bytesBeforeFailure: 5000)));

        await using var download = await Store.OpenReadAsync(container, "keep");
        Assert.Equal("old"u8.ToArray(), await StreamHashing.ReadAllAsync(download.Content));
        Assert.Single(Directory.GetFiles(Path.Combine(_root, container), "*%blob"));
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, container), "*%temp*"));
    }

    [Fact]
    public async Task Discard_removes_the_temporary_files_an_upload_cut_short_by_a_crash_left()
    {
        var container = await NewContainerAsync();
        var containerPath = Path.Combine(_root, container);
        Directory.CreateDirectory(Path.Combine(containerPath, "uploads"));
        await File.WriteAllBytesAsync(LocalBlobPaths.TempFile(containerPath, "uploads/cut"), [1, 2, 3]);
        await File.WriteAllBytesAsync(LocalBlobPaths.TempFile(containerPath, "uploads/other"), [4]);

        await Store.DiscardAsync(container, "uploads/cut");

        var left = Directory.GetFiles(Path.Combine(containerPath, "uploads")).Select(Path.GetFileName);
        Assert.All(left, name => Assert.StartsWith("other%temp", name, StringComparison.Ordinal));
        Assert.Single(left);
    }

    [Fact]
    public async Task A_reader_keeps_its_bytes_while_the_blob_is_replaced()
    {
        var container = await NewContainerAsync();
        await Store.UploadAsync(container, "live", GeneratedStream.Bytes(100_000, seed: 1));

        await using var download = await Store.OpenReadAsync(container, "live");
        await Store.UploadAsync(container, "live", GeneratedStream.Bytes(50_000, seed: 2));

        Assert.Equal(GeneratedStream.Bytes(100_000, seed: 1), await StreamHashing.ReadAllAsync(download.Content));
        Assert.Equal(50_000, (await Store.GetPropertiesAsync(container, "live")).Size);
    }

    [Fact]
    public async Task A_file_put_there_by_hand_is_a_blob_with_default_properties()
    {
        var container = await NewContainerAsync();
        Directory.CreateDirectory(Path.Combine(_root, container, "manual"));
        await File.WriteAllBytesAsync(Path.Combine(_root, container, "manual", "data.bin%blob"), new byte[42]);

        var properties = await Store.GetPropertiesAsync(container, "manual/data.bin");
        Assert.Equal(42, properties.Size);
        Assert.Equal("application/octet-stream", properties.ContentType);
        Assert.NotEmpty(properties.ETag);
        Assert.Empty(properties.Metadata);
        Assert.Equal(["manual/data.bin"], await NamesAsync(container, "manual/"));
    }

    [Fact]
    public async Task A_prefix_cannot_list_outside_its_container()
    {
        var inside = await NewContainerAsync();
        var outside = await NewContainerAsync();
        await Store.UploadAsync(outside, "secret", "s"u8.ToArray());

        Assert.Empty(await NamesAsync(inside, $"../{outside}/"));
        Assert.Empty(await NamesAsync(inside, "./"));
        Assert.Empty(await NamesAsync(inside, "/"));
    }

    [Fact]
    public async Task A_continuation_token_from_elsewhere_is_refused()
    {
        var container = await NewContainerAsync();
        var error = await Assert.ThrowsAsync<BlobStoreException>(() => Store.ListPageAsync(container, continuationToken: "not base64!"));
        Assert.Equal(400, error.Status);
    }
}
