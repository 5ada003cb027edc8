using Google.Protobuf;
using Mlops.Grpc;
using Mlops.Registry.Tests.Infrastructure;
using Mlops.Registry.V1;
using Mlops.Testing;

namespace Mlops.Registry.Tests;

[Collection(RegistryCollection.Name)]
public sealed class ModelVersionTests(RegistryFixture registry)
{
    private const int MiB = 1024 * 1024;

    private RegistryClient Client => registry.Client;

    [Fact]
    public async Task A_multi_MiB_artifact_uploaded_in_chunks_is_registered_and_downloads_byte_for_byte()
    {
        var name = await NewModelAsync();
        var artifact = RegistryClient.RandomArtifact((5 * MiB) + 12345);

        // Chunks just under the 4 MiB message limit, the largest a client may send.
        var created = await Client.UploadAsync(name, artifact, chunkSize: (4 * MiB) - 64);
        var fetched = await Client.GetModelVersionAsync(name, 1);
        var chunks = await Client.DownloadAsync(name, 1);

        Assert.Equal(1, created.Version);
        Assert.Equal(created, fetched);
        Assert.Equal(ModelVersionStatus.Ready, fetched.Status);
        Assert.Equal(RegistryClient.Sha256(artifact), fetched.ArtifactSha256);
        Assert.Equal(artifact.Length, fetched.ArtifactSizeBytes);
        Assert.Equal("model.onnx", fetched.ArtifactFileName);
        Assert.Equal("onnx", fetched.Tags["framework"]);
        Assert.Equal(RegistryClient.User, fetched.CreatedBy);
        Assert.All(chunks, chunk => Assert.InRange(chunk.Length, 1, MiB));
        var downloaded = chunks.SelectMany(chunk => chunk).ToArray();
        Assert.Equal(RegistryClient.Sha256(artifact), RegistryClient.Sha256(downloaded));
        Assert.Equal(1, (await Client.GetModelAsync(name)).LatestVersion);
        Assert.Single(await registry.UploadedBlobsAsync(name));
    }

    [Fact]
    public async Task An_empty_artifact_is_a_version_too()
    {
        var name = await NewModelAsync();

        var created = await Client.UploadAsync(name, []);

        Assert.Equal(0, created.ArtifactSizeBytes);
        Assert.Empty(await Client.DownloadAsync(name, created.Version));
    }

    [Fact]
    public async Task A_digest_mismatch_is_invalid_argument_and_leaves_no_version_and_no_blob()
    {
        var name = await NewModelAsync();
        var artifact = RegistryClient.RandomArtifact(3 * MiB);
        var header = RegistryClient.Header(name, artifact);
        header.ArtifactSha256 = RegistryClient.Sha256([1, 2, 3]);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.CreateModelVersionAsync(RegistryClient.Messages(header, artifact, MiB)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains($"expected {header.ArtifactSha256}, actual {RegistryClient.Sha256(artifact)}", error.Status.Detail, StringComparison.Ordinal);
        await AssertNothingStoredAsync(name);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(5000)]
    public async Task A_size_mismatch_is_invalid_argument_and_leaves_nothing(long claimedSize)
    {
        var name = await NewModelAsync();
        var artifact = RegistryClient.RandomArtifact(3000);
        var header = RegistryClient.Header(name, artifact);
        header.ArtifactSizeBytes = claimedSize;

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.CreateModelVersionAsync(RegistryClient.Messages(header, artifact, 1000)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains($"header.artifact_size_bytes: expected {claimedSize}, actual", error.Status.Detail, StringComparison.Ordinal);
        await AssertNothingStoredAsync(name);
    }

    [Fact]
    public async Task An_upload_the_client_cancels_midway_leaves_no_version_and_no_blob_and_its_number_stays_unused()
    {
        var name = await NewModelAsync();
        var artifact = RegistryClient.RandomArtifact(4 * MiB);
        var messages = RegistryClient.Messages(RegistryClient.Header(name, artifact), artifact, 256 * 1024).ToList();
        using var cancel = new CancellationTokenSource();
        using var call = Client.OpenUpload(cancel.Token);
        foreach (var message in messages.Take(messages.Count / 2))
        {
            await call.RequestStream.WriteAsync(message, cancel.Token);
        }

        // The header has reserved number 1 (a PENDING_UPLOAD row) before the client gives up.
        await Eventually.UntilAsync(async () => await registry.VersionRowsAsync(name) == 1, "the header reserves a version");
        await cancel.CancelAsync();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => call.ResponseAsync);
        Assert.True(error is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled }, error.ToString());

        // Numbers are never given twice: the next upload is 2, and once the canceled one is cleaned up, its row and
        // blobs are gone and only the completed upload's remain.
        var next = await Client.UploadAsync(name, RegistryClient.RandomArtifact(1000));
        Assert.Equal(2, next.Version);
        await Eventually.UntilAsync(async () => await registry.VersionRowsAsync(name) == 1, "the canceled upload leaves no version");
        await Eventually.UntilAsync(async () => (await registry.UploadedBlobsAsync(name)).Count == 1, "only the completed upload's blob is left");
        var missing = await Assert.ThrowsAsync<RpcException>(() => Client.GetModelVersionAsync(name, 1));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal(2, (await Client.GetModelAsync(name)).LatestVersion);
    }

    [Fact]
    public async Task Concurrent_uploads_to_one_model_get_consecutive_distinct_numbers()
    {
        var name = await NewModelAsync();
        var artifacts = Enumerable.Range(0, 4).Select(_ => RegistryClient.RandomArtifact(MiB + 17)).ToList();

        var versions = await Task.WhenAll(artifacts.Select(artifact => Client.UploadAsync(name, artifact, chunkSize: 256 * 1024)));

        Assert.Equal([1, 2, 3, 4], versions.Select(v => v.Version).Order());
        foreach (var version in versions)
        {
            var artifact = artifacts.Single(a => RegistryClient.Sha256(a) == version.ArtifactSha256);
            var downloaded = (await Client.DownloadAsync(name, version.Version)).SelectMany(chunk => chunk).ToArray();
            Assert.Equal(artifact, downloaded);
        }

        Assert.Equal(4, (await Client.GetModelAsync(name)).LatestVersion);
    }

    [Fact]
    public async Task A_registered_version_is_published_as_ModelVersionRegistered()
    {
        var workspace = ModelTests.UniqueName("events");
        var name = await NewModelAsync(workspace);
        var artifact = RegistryClient.RandomArtifact(2048);

        var version = await Client.UploadAsync(name, artifact, workspace: workspace);

        var registered = await Eventually.ResultAsync(
            () => registry.VersionEvents.FirstOrDefault(e => e.Workspace == workspace && e.ModelName == name),
            "ModelVersionRegistered reaches the test queue");
        Assert.Equal($"workspaces/{workspace}/models/{name}/versions/1", registered.Subject);
        Assert.Equal("registry", registered.Source);
        Assert.Equal(version.Version, registered.VersionNumber);
        Assert.Equal("sha256:" + RegistryClient.Sha256(artifact), registered.ArtifactDigest);
        Assert.Equal(artifact.Length, registered.ArtifactSizeBytes);
        Assert.Equal(RegistryClient.User, registered.CreatedBy);
    }

    [Fact]
    public async Task A_first_message_that_is_not_a_header_is_invalid_argument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.CreateModelVersionAsync(
            [new CreateModelVersionRequest { Chunk = ByteString.CopyFrom(1, 2, 3) }]));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("first message", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_header_is_invalid_argument_and_leaves_nothing()
    {
        var name = await NewModelAsync();
        var artifact = RegistryClient.RandomArtifact(100);
        var header = RegistryClient.Header(name, artifact);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.CreateModelVersionAsync(
            [new() { Header = header }, new() { Chunk = ByteString.CopyFrom(artifact) }, new() { Header = header }]));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("Only the first message", error.Status.Detail, StringComparison.Ordinal);
        await AssertNothingStoredAsync(name);
    }

    public static TheoryData<string, string, StatusCode, string> InvalidHeaders() => new()
    {
        { "upper-case digest", "upper", StatusCode.InvalidArgument, "header.artifact_sha256" },
        { "short digest", "short", StatusCode.InvalidArgument, "64 lower-case hexadecimal characters" },
        { "negative size", "negative", StatusCode.InvalidArgument, "header.artifact_size_bytes is -1" },
        { "bad model name", "badname", StatusCode.InvalidArgument, "header.model_name" },
        { "unknown model", "unknown", StatusCode.NotFound, "does not exist" },
    };

    [Theory]
    [MemberData(nameof(InvalidHeaders))]
    public async Task An_invalid_header_is_refused_before_any_upload(string what, string change, StatusCode code, string message)
    {
        var name = await NewModelAsync();
        var artifact = RegistryClient.RandomArtifact(100);
        var header = RegistryClient.Header(name, artifact);
        switch (change)
        {
            case "upper": header.ArtifactSha256 = header.ArtifactSha256.ToUpperInvariant(); break;
            case "short": header.ArtifactSha256 = header.ArtifactSha256[..63]; break;
            case "negative": header.ArtifactSizeBytes = -1; break;
            case "badname": header.ModelName = "no/slashes"; break;
            default: header.ModelName = ModelTests.UniqueName("ghost"); break;
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.CreateModelVersionAsync(RegistryClient.Messages(header, artifact, 50)));

        Assert.True(error.StatusCode == code, $"{what}: {error.Status}");
        Assert.Contains(message, error.Status.Detail, StringComparison.Ordinal);
        await AssertNothingStoredAsync(name);
    }

    [Fact]
    public async Task Unknown_or_invalid_versions_are_refused()
    {
        var name = await NewModelAsync();
        await Client.UploadAsync(name, RegistryClient.RandomArtifact(10));

        var zero = await Assert.ThrowsAsync<RpcException>(() => Client.GetModelVersionAsync(name, 0));
        var missing = await Assert.ThrowsAsync<RpcException>(() => Client.GetModelVersionAsync(name, 2));
        var noModel = await Assert.ThrowsAsync<RpcException>(() => Client.GetModelVersionAsync(ModelTests.UniqueName("ghost"), 1));
        var noDownload = await Assert.ThrowsAsync<RpcException>(() => Client.DownloadAsync(name, 2));

        Assert.Equal(StatusCode.InvalidArgument, zero.StatusCode);
        Assert.Contains("version is 0", zero.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Contains("has no version 2", missing.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, noModel.StatusCode);
        Assert.Equal(StatusCode.NotFound, noDownload.StatusCode);
    }

    private async Task<string> NewModelAsync(string workspace = "")
    {
        var name = ModelTests.UniqueName("model");
        await Client.CreateModelAsync(name, workspace);
        return name;
    }

    private async Task AssertNothingStoredAsync(string name)
    {
        Assert.Equal(0, await registry.VersionRowsAsync(name));
        Assert.Empty(await registry.UploadedBlobsAsync(name));
        Assert.Equal(0, (await Client.GetModelAsync(name)).LatestVersion);
    }
}
