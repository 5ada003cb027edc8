using Google.Protobuf.Reflection;
using Microsoft.EntityFrameworkCore;
using Mlops.Grpc;
using Mlops.Registry.Infrastructure;
using Mlops.Registry.Tests.Infrastructure;
using Mlops.Registry.V1;
using Mlops.Testing;
using Npgsql;

namespace Mlops.Registry.Tests.Uploads;

/// <summary>PENDING_UPLOAD while the artifact arrives, READY once it is complete, and never changed after.</summary>
[Collection(RegistryCollection.Name)]
public sealed class VersionLifecycleTests(RegistryFixture registry)
{
    private const int MiB = 1024 * 1024;

    private RegistryClient Client => registry.Client;

    [Fact]
    public async Task A_version_is_pending_while_its_artifact_arrives_and_becomes_ready_and_downloadable_when_complete()
    {
        var name = await NewModelAsync();
        var artifact = RegistryClient.RandomArtifact(3 * MiB);
        var messages = RegistryClient.Messages(RegistryClient.Header(name, artifact), artifact, MiB).ToList();
        using var call = Client.OpenUpload();
        foreach (var message in messages.Take(2))
        {
            await call.RequestStream.WriteAsync(message);
        }

        var pending = await Eventually.ResultAsync(() => TryGetVersion(name, 1), "the header reserves version 1");
        Assert.Equal(ModelVersionStatus.PendingUpload, pending.Status);
        Assert.Equal(0, (await Client.GetModelAsync(name)).LatestVersion);
        var early = await Assert.ThrowsAsync<RpcException>(() => Client.DownloadAsync(name, 1));
        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);
        Assert.Contains("PENDING_UPLOAD", early.Status.Detail, StringComparison.Ordinal);

        foreach (var message in messages.Skip(2))
        {
            await call.RequestStream.WriteAsync(message);
        }

        await call.RequestStream.CompleteAsync();
        var ready = await call.ResponseAsync;

        Assert.Equal(1, ready.Version);
        Assert.Equal(ModelVersionStatus.Ready, ready.Status);
        Assert.Equal(ArtifactKind.File, ready.ArtifactKind);
        Assert.Equal(1, ready.ArtifactFileCount);
        Assert.Equal("", ready.StatusMessage);
        Assert.Equal(ready, await Client.GetModelVersionAsync(name, 1));
        Assert.Equal(1, (await Client.GetModelAsync(name)).LatestVersion);
        Assert.Equal(artifact, (await Client.DownloadAsync(name, 1)).SelectMany(chunk => chunk).ToArray());
    }

    [Fact]
    public async Task A_pending_version_cannot_be_approved_rejected_aliased_or_resolved_and_latest_skips_it()
    {
        var name = await NewModelAsync();
        var first = await Client.UploadAsync(name, RegistryClient.RandomArtifact(1000));
        var artifact = RegistryClient.RandomArtifact(3 * MiB);
        var messages = RegistryClient.Messages(RegistryClient.Header(name, artifact), artifact, MiB).ToList();
        using var call = Client.OpenUpload();
        foreach (var message in messages.Take(2))
        {
            await call.RequestStream.WriteAsync(message);
        }

        var pending = await Eventually.ResultAsync(() => TryGetVersion(name, 2), "the header reserves version 2");
        Assert.Equal(ModelVersionStatus.PendingUpload, pending.Status);
        var approver = Client.As("pending-approver");
        RpcException[] refusals =
        [
            await Assert.ThrowsAsync<RpcException>(() => approver.ApproveAsync(name, 2)),
            await Assert.ThrowsAsync<RpcException>(() => approver.RejectAsync(name, 2)),
            await Assert.ThrowsAsync<RpcException>(() => Client.SetAliasAsync(name, "candidate", 2)),
            await Assert.ThrowsAsync<RpcException>(() => Client.ResolveAsync($"models:/{name}/2")),
        ];
        Assert.All(refusals, refusal =>
        {
            Assert.Equal(StatusCode.FailedPrecondition, refusal.StatusCode);
            Assert.Contains("PENDING_UPLOAD", refusal.Status.Detail, StringComparison.Ordinal);
        });
        Assert.Equal(first.Version, (await Client.ResolveAsync($"models:/{name}@latest")).ModelVersion.Version);

        foreach (var message in messages.Skip(2))
        {
            await call.RequestStream.WriteAsync(message);
        }

        await call.RequestStream.CompleteAsync();
        Assert.Equal(ModelVersionStatus.Ready, (await call.ResponseAsync).Status);
        Assert.Equal(ApprovalStatus.Approved, (await approver.ApproveAsync(name, 2)).ApprovalStatus);
        await Client.SetAliasAsync(name, "candidate", 2);
        var resolved = await Client.ResolveAsync($"models:/{name}@latest");
        Assert.Equal(2, resolved.ModelVersion.Version);
        Assert.Equal(ApprovalStatus.Approved, resolved.ModelVersion.ApprovalStatus);
        Assert.Equal(["candidate"], resolved.ModelVersion.Aliases);
    }

    [Fact]
    public async Task Sixteen_concurrent_uploads_to_one_model_get_the_numbers_1_to_16()
    {
        var name = await NewModelAsync();
        var artifacts = Enumerable.Range(0, 16).Select(i => RegistryClient.RandomArtifact(100_000 + i)).ToList();

        var versions = await Task.WhenAll(artifacts.Select(artifact => Task.Run(() => Client.UploadAsync(name, artifact, chunkSize: 32 * 1024))));

        Assert.Equal(Enumerable.Range(1, 16), versions.Select(v => v.Version).Order());
        Assert.All(versions, version => Assert.Equal(ModelVersionStatus.Ready, version.Status));
        Assert.Equal(16, (await Client.GetModelAsync(name)).LatestVersion);
        foreach (var version in versions)
        {
            var fetched = await Client.GetModelVersionAsync(name, version.Version);
            Assert.Equal(version.ArtifactSha256, fetched.ArtifactSha256);
        }
    }

    [Fact]
    public async Task A_refused_upload_uses_up_the_number_its_header_reserved()
    {
        var name = await NewModelAsync();
        var artifact = RegistryClient.RandomArtifact(1000);
        var wrong = RegistryClient.Header(name, artifact);
        wrong.ArtifactSha256 = RegistryClient.Sha256([1]);

        var first = await Client.UploadAsync(name, artifact);
        var refused = await Assert.ThrowsAsync<RpcException>(() => Client.CreateModelVersionAsync(RegistryClient.Messages(wrong, artifact, 100)));
        var third = await Client.UploadAsync(name, artifact);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal([1, 3], new[] { first.Version, third.Version });
        Assert.Equal(2, await registry.VersionRowsAsync(name));
        var gap = await Assert.ThrowsAsync<RpcException>(() => Client.GetModelVersionAsync(name, 2));
        Assert.Equal(StatusCode.NotFound, gap.StatusCode);
        Assert.Equal(3, (await Client.GetModelAsync(name)).LatestVersion);
    }

    [Fact]
    public async Task The_database_refuses_to_change_the_artifact_or_status_of_a_ready_version()
    {
        var name = await NewModelAsync();
        var file = await Client.UploadAsync(name, RegistryClient.RandomArtifact(100));
        var directory = await Client.UploadDirectoryAsync(name, [("w.bin", RegistryClient.RandomArtifact(10))]);
        await using var db = registry.NewDbContext();
        var fileId = await VersionIdAsync(db, name, file.Version);
        var directoryId = await VersionIdAsync(db, name, directory.Version);

        string[] changes =
        [
            $"UPDATE model_versions SET artifact_sha256 = '{new string('0', 64)}' WHERE id = '{fileId}'",
            $"UPDATE model_versions SET artifact_size_bytes = 1 WHERE id = '{fileId}'",
            $"UPDATE model_versions SET artifact_blob_name = 'elsewhere' WHERE id = '{fileId}'",
            $"UPDATE model_versions SET artifact_file_name = 'other.onnx' WHERE id = '{fileId}'",
            $"UPDATE model_versions SET artifact_file_count = 3 WHERE id = '{fileId}'",
            $"UPDATE model_versions SET status = 'pending_upload' WHERE id = '{fileId}'",
            $"UPDATE model_versions SET version = 99 WHERE id = '{fileId}'",
            $"UPDATE model_version_files SET sha256 = '{new string('0', 64)}' WHERE version_id = '{directoryId}'",
            $"INSERT INTO model_version_files (version_id, path, sha256, size_bytes, blob_name) VALUES ('{directoryId}', 'x', '{new string('0', 64)}', 0, 'x')",
            $"DELETE FROM model_version_files WHERE version_id = '{directoryId}'",
        ];
        foreach (var change in changes)
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync(change));
            Assert.Contains("immutable", refused.MessageText, StringComparison.Ordinal);
        }

        // What is not the artifact stays editable (descriptions and tags belong to other use cases).
        await db.Database.ExecuteSqlAsync($"UPDATE model_versions SET description = 'edited' WHERE id = {fileId}");
        Assert.Equal(file.ArtifactSha256, (await Client.GetModelVersionAsync(name, file.Version)).ArtifactSha256);
        Assert.Equal("edited", (await Client.GetModelVersionAsync(name, file.Version)).Description);
    }

    [Fact]
    public void No_method_that_names_an_existing_version_takes_artifact_content()
    {
        var methods = new[] { RegistryReflection.Descriptor, WorkspacesReflection.Descriptor, AuditReflection.Descriptor }
            .SelectMany(file => file.Services)
            .SelectMany(service => service.Methods)
            .ToList();

        var rewriters = methods.Where(method => AddressesVersion(method.InputType, []) && CarriesArtifact(method.InputType, [])).Select(method => method.FullName);

        Assert.Empty(rewriters);

        // The one method that takes an artifact makes a new version: nothing in it names an existing one.
        var create = Assert.Single(methods, method => method.Name == "CreateModelVersion");
        Assert.True(CarriesArtifact(create.InputType, []));
        Assert.False(AddressesVersion(create.InputType, []));
    }

    /// <summary>Bytes, or a digest or file list that an artifact is made of, anywhere in the message.</summary>
    private static bool CarriesArtifact(MessageDescriptor message, HashSet<string> seen) =>
        seen.Add(message.FullName) && message.Fields.InDeclarationOrder().Any(field =>
            field.FieldType == FieldType.Bytes
            || field.Name.Contains("sha256", StringComparison.Ordinal)
            || (field.FieldType == FieldType.Message && CarriesArtifact(field.MessageType, seen)));

    /// <summary>A model name and a version number side by side, anywhere in the message: a reference to an existing version.</summary>
    private static bool AddressesVersion(MessageDescriptor message, HashSet<string> seen)
    {
        if (!seen.Add(message.FullName))
        {
            return false;
        }

        var fields = message.Fields.InDeclarationOrder().ToList();
        return (fields.Any(field => field.Name == "model_name") && fields.Any(field => field.Name == "version"))
            || fields.Any(field => field.FieldType == FieldType.Message && AddressesVersion(field.MessageType, seen));
    }

    private ModelVersion? TryGetVersion(string name, int version)
    {
        try
        {
            return Client.GetModelVersionAsync(name, version).GetAwaiter().GetResult();
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    private static Task<Guid> VersionIdAsync(RegistryDbContext db, string name, int version) =>
        db.ModelVersions.Where(v => v.Model!.Name == name && v.Version == version).Select(v => v.Id).SingleAsync();

    private async Task<string> NewModelAsync()
    {
        var name = ModelTests.UniqueName("life");
        await Client.CreateModelAsync(name);
        return name;
    }
}
