using System.Diagnostics;
using System.Text.Json;
using Google.Protobuf;
using Mlops.Grpc;
using Mlops.Registry.Tests.Infrastructure;
using Mlops.Registry.V1;
using Mlops.Testing;

namespace Mlops.Registry.Tests.Uploads;

/// <summary>Artifacts that are directories: each file announced with its path, digest and size, then its chunks.</summary>
[Collection(RegistryCollection.Name)]
public sealed class DirectoryArtifactTests(RegistryFixture registry)
{
    private const int MiB = 1024 * 1024;

    private RegistryClient Client => registry.Client;

    [Fact]
    public async Task A_directory_is_registered_with_its_manifest_digest_and_downloads_file_by_file_in_path_order()
    {
        var name = await NewModelAsync();

        // Sent out of order; "\uFF61" sorts before the emoji in UTF-8 but after it in .NET's UTF-16 ordinal order.
        var files = new List<(string Path, byte[] Content)>
        {
            ("weights/layer2.bin", RegistryClient.RandomArtifact((2 * MiB) + 3)),
            ("config.json", "{\"layers\": 2}"u8.ToArray()),
            ("weights/empty.bin", []),
            ("\U0001F600.txt", "emoji"u8.ToArray()),
            ("\uFF61.txt", "halfwidth"u8.ToArray()),
            ("weights/layer1.bin", RegistryClient.RandomArtifact(MiB)),
        };

        var version = await Client.UploadDirectoryAsync(name, files, chunkSize: 512 * 1024);

        var expectedOrder = new[] { "config.json", "weights/empty.bin", "weights/layer1.bin", "weights/layer2.bin", "\uFF61.txt", "\U0001F600.txt" };
        Assert.Equal(ModelVersionStatus.Ready, version.Status);
        Assert.Equal(ArtifactKind.Directory, version.ArtifactKind);
        Assert.Equal(6, version.ArtifactFileCount);
        Assert.Equal(files.Sum(file => (long)file.Content.Length), version.ArtifactSizeBytes);
        Assert.Equal(await PythonManifestSha256Async(files), version.ArtifactSha256);
        Assert.Equal(version, await Client.GetModelVersionAsync(name, version.Version));

        var messages = await Client.DownloadMessagesAsync(new DownloadModelVersionArtifactRequest { ModelName = name, Version = version.Version });
        var downloaded = Split(messages);
        Assert.Equal(expectedOrder, downloaded.Select(file => file.File.Path));
        foreach (var (file, content) in downloaded)
        {
            var sent = files.Single(f => f.Path == file.Path).Content;
            Assert.Equal(RegistryClient.FileOf(file.Path, sent), file);
            Assert.Equal(sent, content);
        }

        Assert.All(messages, message => Assert.True(message.File is null || message.Data.IsEmpty, "a file announcement carries no data"));
        Assert.All(messages, message => Assert.InRange(message.Data.Length, 0, MiB));

        var registered = await Eventually.ResultAsync(
            () => registry.VersionEvents.FirstOrDefault(e => e.ModelName == name),
            "ModelVersionRegistered reaches the test queue");
        Assert.Equal("sha256:" + version.ArtifactSha256, registered.ArtifactDigest);
        Assert.Equal(6, registered.ArtifactFileCount);
    }

    [Fact]
    public async Task One_file_of_a_directory_downloads_alone_and_by_its_exact_path()
    {
        var name = await NewModelAsync();
        var layer = RegistryClient.RandomArtifact((3 * MiB) + 1);
        await Client.UploadDirectoryAsync(name, [("a/layer.bin", layer), ("b.txt", "b"u8.ToArray())]);
        var single = await Client.UploadAsync(name, RegistryClient.RandomArtifact(10));

        var messages = await Client.DownloadMessagesAsync(Request(name, 1, "a/layer.bin"));
        var missing = await Assert.ThrowsAsync<RpcException>(() => Client.DownloadMessagesAsync(Request(name, 1, "a/LAYER.bin")));
        var invalid = await Assert.ThrowsAsync<RpcException>(() => Client.DownloadMessagesAsync(Request(name, 1, "a/../b.txt")));
        var notDirectory = await Assert.ThrowsAsync<RpcException>(() => Client.DownloadMessagesAsync(Request(name, single.Version, "b.txt")));

        Assert.All(messages, message => Assert.Null(message.File));
        Assert.Equal(layer, messages.SelectMany(message => message.Data.ToByteArray()).ToArray());
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Contains("no file 'a/LAYER.bin'", missing.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Contains("path 'a/../b.txt'", invalid.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, notDirectory.StatusCode);
        Assert.Contains("is a single file", notDirectory.Status.Detail, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> InvalidPaths() => new()
    {
        { "/etc/passwd", "leading '/'" },
        { "a/../../etc/passwd", "'..' segment" },
        { "./a", "'.' segment" },
        { "a//b", "empty segment" },
        { "a/", "empty segment" },
        { "a\\b", "'\\' is not allowed" },
        { "a\nb", "control character U+000A" },
        { new string('x', 1025), "1025 characters" },
    };

    [Theory]
    [MemberData(nameof(InvalidPaths))]
    public async Task An_invalid_path_is_invalid_argument_naming_it_and_leaves_nothing(string path, string reason)
    {
        var name = await NewModelAsync();
        List<(string Path, byte[] Content)> files = [("ok.bin", RegistryClient.RandomArtifact(1000)), (path, RegistryClient.RandomArtifact(10))];

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.UploadDirectoryAsync(name, files));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains($"file.path '{path}' is invalid", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(reason, error.Status.Detail, StringComparison.Ordinal);
        await AssertNothingStoredAsync(name);
    }

    public static TheoryData<string, string, string> ConflictingPaths() => new()
    {
        { "same.bin", "same.bin", "file.path 'same.bin' appears twice" },
        { "a", "a/b", "file.path 'a/b' lies under 'a', which is a file" },
        { "a/b", "a", "file.path 'a' is already a directory" },
    };

    [Theory]
    [MemberData(nameof(ConflictingPaths))]
    public async Task Two_files_that_cannot_live_side_by_side_are_invalid_argument(string first, string second, string message)
    {
        var name = await NewModelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.UploadDirectoryAsync(name, [(first, [1, 2]), (second, [3])]));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(message, error.Status.Detail, StringComparison.Ordinal);
        await AssertNothingStoredAsync(name);
    }

    [Theory]
    [InlineData("digest")]
    [InlineData("longer")]
    [InlineData("shorter")]
    public async Task A_file_that_does_not_match_its_announcement_is_invalid_argument_naming_it(string mismatch)
    {
        var name = await NewModelAsync();
        var good = RegistryClient.RandomArtifact(5000);
        var bad = RegistryClient.RandomArtifact(3 * MiB);
        List<(string Path, byte[] Content)> files = [("good.bin", good), ("dir/bad.bin", bad)];
        var header = RegistryClient.DirectoryHeader(name, files);
        header.ArtifactSizeBytes = 0;
        var messages = RegistryClient.DirectoryMessages(header, files, MiB).ToList();
        var announcement = messages.Single(m => m.File?.Path == "dir/bad.bin").File;
        switch (mismatch)
        {
            case "digest": announcement.Sha256 = RegistryClient.Sha256([9]); break;
            case "longer": announcement.SizeBytes = bad.Length - 1; break;
            default: announcement.SizeBytes = bad.Length + 1; break;
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.CreateModelVersionAsync(messages));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("file 'dir/bad.bin'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(mismatch == "digest" ? "does not match its file.sha256" : "does not match its file.size_bytes", error.Status.Detail, StringComparison.Ordinal);
        await AssertNothingStoredAsync(name);
    }

    [Fact]
    public async Task A_header_digest_that_is_not_the_manifest_digest_is_invalid_argument()
    {
        var name = await NewModelAsync();
        List<(string Path, byte[] Content)> files = [("a.bin", RegistryClient.RandomArtifact(100)), ("b.bin", RegistryClient.RandomArtifact(100))];
        var header = RegistryClient.DirectoryHeader(name, files);

        // The digest of the files' bytes one after the other is not the directory's digest.
        header.ArtifactSha256 = RegistryClient.Sha256([.. files[0].Content, .. files[1].Content]);
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.CreateModelVersionAsync(RegistryClient.DirectoryMessages(header, files, 64)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("manifest SHA-256 does not match header.artifact_sha256", error.Status.Detail, StringComparison.Ordinal);
        await AssertNothingStoredAsync(name);
    }

    [Fact]
    public async Task A_file_message_after_chunks_of_a_single_file_is_invalid_argument()
    {
        var name = await NewModelAsync();
        var artifact = RegistryClient.RandomArtifact(100);
        var header = RegistryClient.Header(name, artifact);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.CreateModelVersionAsync(
            [new() { Header = header }, new() { Chunk = ByteString.CopyFrom(artifact) }, new() { File = RegistryClient.FileOf("late.bin", artifact) }]));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("file 'late.bin' came after chunks of a single-file artifact", error.Status.Detail, StringComparison.Ordinal);
        await AssertNothingStoredAsync(name);
    }

    [Fact]
    public async Task Files_announced_beyond_the_header_size_are_refused_before_they_are_stored()
    {
        var name = await NewModelAsync();
        List<(string Path, byte[] Content)> files = [("a.bin", RegistryClient.RandomArtifact(100)), ("b.bin", RegistryClient.RandomArtifact(100))];
        var header = RegistryClient.DirectoryHeader(name, files);
        header.ArtifactSizeBytes = 150;

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.CreateModelVersionAsync(RegistryClient.DirectoryMessages(header, files, 64)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("up to 'b.bin' add up to 200 bytes, more than header.artifact_size_bytes (150)", error.Status.Detail, StringComparison.Ordinal);
        await AssertNothingStoredAsync(name);
    }

    private static DownloadModelVersionArtifactRequest Request(string name, int version, string path) => new() { ModelName = name, Version = version, Path = path };

    /// <summary>A directory download cut into its files: each announcement and the bytes up to the next one.</summary>
    private static List<(ArtifactFile File, byte[] Content)> Split(List<ArtifactChunk> messages)
    {
        var files = new List<(ArtifactFile File, List<byte> Content)>();
        foreach (var message in messages)
        {
            if (message.File is { } file)
            {
                files.Add((file, []));
            }
            else
            {
                Assert.NotEmpty(files);
                files[^1].Content.AddRange(message.Data);
            }
        }

        return files.ConvertAll(file => (file.File, file.Content.ToArray()));
    }

    /// <summary>The digest computed by the Python formula registry.proto gives, from the files' own digests.</summary>
    private static async Task<string> PythonManifestSha256Async(List<(string Path, byte[] Content)> files)
    {
        const string Script = """
            import hashlib, json, sys
            files = json.load(sys.stdin)
            print(hashlib.sha256("".join(f"{d}  {p}\n" for p, d in sorted(files.items())).encode()).hexdigest())
            """;
        var start = new ProcessStartInfo("python3", ["-c", Script]) { RedirectStandardInput = true, RedirectStandardOutput = true };
        using var python = Process.Start(start)!;
        await python.StandardInput.WriteAsync(JsonSerializer.Serialize(files.ToDictionary(file => file.Path, file => RegistryClient.Sha256(file.Content))));
        python.StandardInput.Close();
        var output = await python.StandardOutput.ReadToEndAsync();
        await python.WaitForExitAsync();
        Assert.Equal(0, python.ExitCode);
        return output.Trim();
    }

    private async Task<string> NewModelAsync()
    {
        var name = ModelTests.UniqueName("dir");
        await Client.CreateModelAsync(name);
        return name;
    }

    private async Task AssertNothingStoredAsync(string name)
    {
        Assert.Equal(0, await registry.VersionRowsAsync(name));
        Assert.Empty(await registry.UploadedBlobsAsync(name));
        Assert.Equal(0, (await Client.GetModelAsync(name)).LatestVersion);
    }
}
