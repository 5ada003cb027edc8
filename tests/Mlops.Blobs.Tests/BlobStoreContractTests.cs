using Mlops.Blobs.Tests.Infrastructure;

namespace Mlops.Blobs.Tests;

/// <summary>
/// What every <see cref="IBlobStore"/> must do, run against each implementation by a subclass,
/// so that the local folder store and Azure (Azurite here) behave the same.
/// </summary>
public abstract class BlobStoreContractTests
{
    protected const int MiB = 1024 * 1024;

    /// <summary>The block size the subclass configures (Azure); the local store has none, and passes the same cases.</summary>
    protected const int BlockSize = 4 * MiB;

    protected abstract IBlobStore Store { get; }

    [Fact]
    public async Task Create_container_is_idempotent()
    {
        var container = NewContainerName();
        Assert.True(await Store.CreateContainerIfNotExistsAsync(container));
        Assert.False(await Store.CreateContainerIfNotExistsAsync(container));
        Assert.Empty((await Store.ListPageAsync(container)).Items);
    }

    [Fact]
    public async Task Small_upload_round_trips_content_properties_and_metadata()
    {
        var container = await NewContainerAsync();
        var content = GeneratedStream.Bytes(100_000);
        var metadata = new Dictionary<string, string> { ["model"] = "churn-classifier", ["Version"] = "7" };
        var before = DateTimeOffset.UtcNow.AddMinutes(-5);

        var result = await Store.UploadAsync(container, "models/churn/7/model.onnx", content, new BlobUploadOptions { ContentType = "application/onnx", Metadata = metadata });

        Assert.Equal(container, result.Container);
        Assert.Equal("models/churn/7/model.onnx", result.Name);
        Assert.Equal(content.Length, result.Size);
        Assert.Equal(StreamHashing.Sha256(content), result.Sha256);
        Assert.NotEmpty(result.ETag);
        Assert.InRange(result.LastModified, before, DateTimeOffset.UtcNow.AddMinutes(5));

        var properties = await Store.GetPropertiesAsync(container, "models/churn/7/model.onnx");
        Assert.Equal(content.Length, properties.Size);
        Assert.Equal("application/onnx", properties.ContentType);
        Assert.Equal(result.ETag, properties.ETag);
        Assert.Equal(result.LastModified, properties.LastModified);
        Assert.Equal(2, properties.Metadata.Count);
        Assert.Equal("churn-classifier", properties.Metadata["MODEL"]);
        Assert.Equal("7", properties.Metadata["version"]);

        await using var download = await Store.OpenReadAsync(container, "models/churn/7/model.onnx");
        Assert.Equal(0, download.Offset);
        Assert.Equal(content.Length, download.Length);
        Assert.Equal(properties, download.Properties, BlobPropertiesComparer.Instance);
        Assert.Equal(content, await StreamHashing.ReadAllAsync(download.Content));
    }

    [Fact]
    public async Task Default_content_type_is_octet_stream()
    {
        var container = await NewContainerAsync();
        await Store.UploadAsync(container, "plain", new byte[] { 1, 2, 3 });
        var properties = await Store.GetPropertiesAsync(container, "plain");
        Assert.Equal("application/octet-stream", properties.ContentType);
        Assert.Empty(properties.Metadata);
    }

    [Fact]
    public async Task Upload_replaces_an_existing_blob()
    {
        var container = await NewContainerAsync();
        var first = await Store.UploadAsync(container, "dataset.csv", "a,b\n1,2\n"u8.ToArray(), new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["old"] = "1" } });
        var second = await Store.UploadAsync(container, "dataset.csv", "a,b\n3,4\n5,6\n"u8.ToArray(), new BlobUploadOptions { ContentType = "text/csv" });

        Assert.NotEqual(first.ETag, second.ETag);
        var properties = await Store.GetPropertiesAsync(container, "dataset.csv");
        Assert.Equal(second.ETag, properties.ETag);
        Assert.Equal("text/csv", properties.ContentType);
        Assert.Empty(properties.Metadata);
        await using var download = await Store.OpenReadAsync(container, "dataset.csv");
        Assert.Equal("a,b\n3,4\n5,6\n"u8.ToArray(), await StreamHashing.ReadAllAsync(download.Content));
    }

    [Fact]
    public async Task Empty_blob_round_trips()
    {
        var container = await NewContainerAsync();
        var result = await Store.UploadAsync(container, "empty", Stream.Null);

        Assert.Equal(0, result.Size);
        Assert.Equal(StreamHashing.Sha256([]), result.Sha256);
        Assert.Equal(0, (await Store.GetPropertiesAsync(container, "empty")).Size);
        await using var download = await Store.OpenReadAsync(container, "empty");
        Assert.Equal(0, download.Length);
        Assert.Empty(await StreamHashing.ReadAllAsync(download.Content));
        await Assert.ThrowsAsync<BlobRangeNotSatisfiableException>(() => Store.OpenReadAsync(container, "empty", new BlobRange(0)));
    }

    [Fact]
    public async Task Multi_block_upload_round_trips_its_bytes()
    {
        var container = await NewContainerAsync();
        using var source = new GeneratedStream(50L * MiB);

        var result = await Store.UploadAsync(container, "large/50mib.bin", source);

        Assert.Equal(50L * MiB, result.Size);
        Assert.Equal(source.Sha256, result.Sha256);
        await using var download = await Store.OpenReadAsync(container, "large/50mib.bin");
        var (sha256, length) = await StreamHashing.HashAsync(download.Content);
        Assert.Equal(50L * MiB, length);
        Assert.Equal(source.Sha256, sha256);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(BlockSize)]
    [InlineData(BlockSize + 1)]
    [InlineData((2 * BlockSize) + 123)]
    public async Task Non_seekable_stream_upload_round_trips(int length)
    {
        var container = await NewContainerAsync();
        var content = GeneratedStream.Bytes(length, seed: (ulong)length);
        using var source = new NonSeekableStream(new MemoryStream(content));

        var result = await Store.UploadAsync(container, "piped", source);

        Assert.Equal(length, result.Size);
        Assert.Equal(StreamHashing.Sha256(content), result.Sha256);
        await using var download = await Store.OpenReadAsync(container, "piped");
        Assert.Equal(content, await StreamHashing.ReadAllAsync(download.Content));
    }

    [Fact]
    public async Task Upload_reads_from_the_stream_position()
    {
        var container = await NewContainerAsync();
        using var source = new MemoryStream([0, 1, 2, 3, 4, 5]) { Position = 2 };
        var result = await Store.UploadAsync(container, "tail", source);
        Assert.Equal(4, result.Size);
        await using var download = await Store.OpenReadAsync(container, "tail");
        Assert.Equal([2, 3, 4, 5], await StreamHashing.ReadAllAsync(download.Content));
    }

    [Fact]
    public async Task Discard_deletes_the_blob_and_a_name_with_nothing_under_it_is_no_error()
    {
        var container = await NewContainerAsync();
        await Store.UploadAsync(container, "uploads/1/0", GeneratedStream.Bytes(1000));

        await Store.DiscardAsync(container, "uploads/1/0");
        await Store.DiscardAsync(container, "uploads/1/1");

        Assert.False(await Store.ExistsAsync(container, "uploads/1/0"));
        Assert.False(await Store.ExistsAsync(container, "uploads/1/1"));
        Assert.Empty((await Store.ListPageAsync(container)).Items);
    }

    [Fact]
    public async Task Ranged_reads_return_the_requested_bytes()
    {
        var container = await NewContainerAsync();
        var content = GeneratedStream.Bytes(10_000);
        await Store.UploadAsync(container, "ranged", content);

        await AssertRangeAsync(new BlobRange(0, 100), 0, 100);
        await AssertRangeAsync(new BlobRange(4321, 1000), 4321, 1000);
        await AssertRangeAsync(new BlobRange(9990), 9990, 10);
        await AssertRangeAsync(new BlobRange(9990, 100), 9990, 10);
        await AssertRangeAsync(new BlobRange(9999, 1), 9999, 1);
        await AssertRangeAsync(new BlobRange(0), 0, 10_000);

        var pastEnd = await Assert.ThrowsAsync<BlobRangeNotSatisfiableException>(() => Store.OpenReadAsync(container, "ranged", new BlobRange(10_000, 10)));
        Assert.Equal(416, pastEnd.Status);
        Assert.Equal(BlobErrorCodes.InvalidRange, pastEnd.ErrorCode);
        Assert.Equal(new BlobRange(10_000, 10), pastEnd.Range);
        Assert.Contains("ranged", pastEnd.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<BlobRangeNotSatisfiableException>(() => Store.OpenReadAsync(container, "ranged", new BlobRange(1_000_000)));

        async Task AssertRangeAsync(BlobRange range, int offset, int length)
        {
            await using var download = await Store.OpenReadAsync(container, "ranged", range);
            Assert.Equal(offset, download.Offset);
            Assert.Equal(length, download.Length);
            Assert.Equal(10_000, download.Properties.Size);
            Assert.Equal(content.AsSpan(offset, length).ToArray(), await StreamHashing.ReadAllAsync(download.Content));
        }
    }

    [Fact]
    public async Task List_by_prefix_pages_through_every_blob_once()
    {
        var container = await NewContainerAsync();
        var expected = new[] { "runs/42/a.json", "runs/42/b.json", "runs/42/c.json", "runs/42/d/e.json", "runs/42/f.json" };
        foreach (var name in expected.Reverse())
        {
            await Store.UploadAsync(container, name, "{}"u8.ToArray(), new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["name"] = name.Replace('/', '_') } });
        }

        await Store.UploadAsync(container, "runs/420/outside.json", "{}"u8.ToArray());
        await Store.UploadAsync(container, "runs/41/outside.json", "{}"u8.ToArray());
        await Store.UploadAsync(container, "other", "{}"u8.ToArray());

        var pages = new List<BlobPage>();
        await foreach (var page in Store.ListPagesAsync(container, "runs/42/", pageSize: 2))
        {
            pages.Add(page);
            Assert.True(page.Items.Count <= 2);
        }

        var listed = pages.SelectMany(p => p.Items).ToList();
        Assert.Equal(expected, listed.Select(i => i.Name));
        Assert.Null(pages[^1].ContinuationToken);
        Assert.All(pages.Take(pages.Count - 1), p => Assert.NotNull(p.ContinuationToken));
        Assert.All(listed, item =>
        {
            Assert.Equal(container, item.Container);
            Assert.Equal(2, item.Size);
            Assert.Equal("application/octet-stream", item.ContentType);
            Assert.Equal(item.Name.Replace('/', '_'), item.Metadata["name"]);
        });

        var first = listed[0];
        Assert.Equal(await Store.GetPropertiesAsync(container, first.Name), first, BlobPropertiesComparer.Instance);

        var all = new List<string>();
        await foreach (var item in Store.ListAsync(container, pageSize: 3))
        {
            all.Add(item.Name);
        }

        Assert.Equal(expected.Concat(["other", "runs/41/outside.json", "runs/420/outside.json"]).Order(StringComparer.Ordinal), all);
        Assert.Equal(["runs/420/outside.json"], await NamesAsync(container, "runs/420"));
        Assert.Equal(["runs/42/d/e.json"], await NamesAsync(container, "runs/42/d"));
        Assert.Empty(await NamesAsync(container, "nothing/"));
    }

    [Fact]
    public async Task A_blob_and_a_folder_of_the_same_name_coexist()
    {
        var container = await NewContainerAsync();
        await Store.UploadAsync(container, "a", "file"u8.ToArray());
        await Store.UploadAsync(container, "a/b", "nested"u8.ToArray());

        Assert.Equal(["a", "a/b"], await NamesAsync(container, "a"));
        Assert.Equal(4, (await Store.GetPropertiesAsync(container, "a")).Size);
        Assert.Equal(6, (await Store.GetPropertiesAsync(container, "a/b")).Size);
    }

    [Fact]
    public async Task Names_with_spaces_symbols_and_unicode_round_trip()
    {
        var container = await NewContainerAsync();
        var names = new[] { "with space/a b.txt", "sym/a+b=c&d;e,f@g$h!i'(j)~k%l.bin", "unicode/ünïcødé/€-日本.txt", ".hidden/.env" };
        foreach (var name in names)
        {
            await Store.UploadAsync(container, name, System.Text.Encoding.UTF8.GetBytes(name), new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["k"] = "v" } });
        }

        foreach (var name in names)
        {
            await using var download = await Store.OpenReadAsync(container, name, new BlobRange(0));
            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(name), await StreamHashing.ReadAllAsync(download.Content));
            await Store.SetMetadataAsync(container, name, new Dictionary<string, string> { ["k"] = "w" });
            Assert.Equal("w", (await Store.GetPropertiesAsync(container, name)).Metadata["k"]);
        }

        Assert.Equal(names.Order(StringComparer.Ordinal), await NamesAsync(container, null));
        Assert.Equal(["sym/a+b=c&d;e,f@g$h!i'(j)~k%l.bin"], await NamesAsync(container, "sym/a+b=c&d;e"));
        Assert.True(await Store.DeleteAsync(container, names[1]));
    }

    [Fact]
    public async Task Set_metadata_replaces_it_and_changes_the_etag()
    {
        var container = await NewContainerAsync();
        var uploaded = await Store.UploadAsync(container, "m", "x"u8.ToArray(), new BlobUploadOptions { ContentType = "text/plain", Metadata = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } });

        await Store.SetMetadataAsync(container, "m", new Dictionary<string, string> { ["c"] = "3", ["stage"] = "production" });

        var properties = await Store.GetPropertiesAsync(container, "m");
        Assert.NotEqual(uploaded.ETag, properties.ETag);
        Assert.Equal("text/plain", properties.ContentType);
        Assert.Equal(1, properties.Size);
        Assert.Equal(new Dictionary<string, string> { ["c"] = "3", ["stage"] = "production" }, properties.Metadata.ToDictionary(StringComparer.Ordinal));

        await Store.SetMetadataAsync(container, "m", new Dictionary<string, string>());
        Assert.Empty((await Store.GetPropertiesAsync(container, "m")).Metadata);
    }

    [Fact]
    public async Task Delete_returns_whether_the_blob_existed()
    {
        var container = await NewContainerAsync();
        await Store.UploadAsync(container, "doomed/blob", "bye"u8.ToArray());

        Assert.True(await Store.DeleteAsync(container, "doomed/blob"));
        Assert.False(await Store.ExistsAsync(container, "doomed/blob"));
        Assert.False(await Store.DeleteAsync(container, "doomed/blob"));
        Assert.False(await Store.DeleteAsync(container, "never-was"));
        Assert.False(await Store.DeleteAsync(NewContainerName(), "no-container"));
        Assert.Empty(await NamesAsync(container, null));
    }

    [Fact]
    public async Task Missing_blobs_and_containers_raise_typed_errors()
    {
        var container = await NewContainerAsync();
        var missingContainer = NewContainerName();

        await AssertMissingAsync(BlobErrorCodes.BlobNotFound, () => Store.GetPropertiesAsync(container, "missing"));
        await AssertMissingAsync(BlobErrorCodes.BlobNotFound, () => Store.OpenReadAsync(container, "missing"));
        await AssertMissingAsync(BlobErrorCodes.BlobNotFound, () => Store.OpenReadAsync(container, "missing", new BlobRange(5, 5)));
        await AssertMissingAsync(BlobErrorCodes.BlobNotFound, () => Store.SetMetadataAsync(container, "missing", new Dictionary<string, string> { ["a"] = "b" }));
        await AssertMissingAsync(BlobErrorCodes.ContainerNotFound, () => Store.UploadAsync(missingContainer, "blob", new byte[] { 1 }));
        await AssertMissingAsync(BlobErrorCodes.ContainerNotFound, () => Store.UploadAsync(missingContainer, "blob", new GeneratedStream((2 * BlockSize) + 1)));
        await AssertMissingAsync(BlobErrorCodes.ContainerNotFound, () => Store.GetPropertiesAsync(missingContainer, "blob"));
        await AssertMissingAsync(BlobErrorCodes.ContainerNotFound, () => Store.OpenReadAsync(missingContainer, "blob"));
        await AssertMissingAsync(BlobErrorCodes.ContainerNotFound, () => Store.ListPageAsync(missingContainer));
        Assert.Null(await Store.TryGetPropertiesAsync(container, "missing"));
        Assert.False(await Store.ExistsAsync(missingContainer, "blob"));

        static async Task AssertMissingAsync(string code, Func<Task> action)
        {
            var error = await Assert.ThrowsAsync<BlobNotFoundException>(action);
            Assert.Equal(404, error.Status);
            Assert.Equal(code, error.ErrorCode);
            Assert.Equal(code == BlobErrorCodes.ContainerNotFound, error.IsContainerMissing);
        }
    }

    [Fact]
    public async Task Invalid_names_and_metadata_are_refused_before_any_request()
    {
        var container = await NewContainerAsync();
        foreach (var name in new[] { "", "/leading", "trailing/", "a//b", "a/../b", "./a", "back\\slash", "dot.", "ctrl\u0001" })
        {
            var error = await Assert.ThrowsAsync<BlobStoreException>(() => Store.UploadAsync(container, name, new byte[] { 1 }));
            Assert.Equal(400, error.Status);
            Assert.Equal(BlobErrorCodes.InvalidName, error.ErrorCode);
        }

        foreach (var bad in new[] { "UPPER", "a", "-ab", "ab-", "a--b", "under_score" })
        {
            var error = await Assert.ThrowsAsync<BlobStoreException>(() => Store.CreateContainerIfNotExistsAsync(bad));
            Assert.Equal(BlobErrorCodes.InvalidName, error.ErrorCode);
        }

        foreach (var metadata in new[]
        {
            new Dictionary<string, string> { ["1starts-with-digit"] = "v" },
            new Dictionary<string, string> { ["has-dash"] = "v" },
            new Dictionary<string, string> { ["ok"] = " padded " },
            new Dictionary<string, string> { ["ok"] = "non-ascii é" },
            new Dictionary<string, string> { ["Dup"] = "1", ["dup"] = "2" },
        })
        {
            var error = await Assert.ThrowsAsync<BlobStoreException>(() => Store.UploadAsync(container, "m", new byte[] { 1 }, new BlobUploadOptions { Metadata = metadata }));
            Assert.Equal(BlobErrorCodes.InvalidMetadata, error.ErrorCode);
        }

        Assert.Empty(await NamesAsync(container, null));
    }

    protected static string NewContainerName() => "t" + Guid.NewGuid().ToString("N")[..20];

    protected async Task<string> NewContainerAsync()
    {
        var container = NewContainerName();
        await Store.CreateContainerIfNotExistsAsync(container);
        return container;
    }

    protected async Task<List<string>> NamesAsync(string container, string? prefix)
    {
        var names = new List<string>();
        await foreach (var item in Store.ListAsync(container, prefix))
        {
            names.Add(item.Name);
        }

        return names;
    }
}
