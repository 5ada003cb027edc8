using Microsoft.EntityFrameworkCore;
using Mlops.Blobs;
using Mlops.EventContracts;
using Mlops.Grpc;
using Mlops.Registry.Infrastructure;
using Mlops.Registry.Infrastructure.Aliases;
using Mlops.Registry.Infrastructure.Approvals;
using Mlops.Registry.Tests.Infrastructure;
using Mlops.Registry.V1;
using Mlops.Testing;

namespace Mlops.Registry.Tests.Approvals;

[Collection(RegistryCollection.Name)]
public sealed class ModelDeletionTests(RegistryFixture registry)
{
    private RegistryClient Client => registry.Client;

    [Fact]
    public async Task Deleting_a_model_removes_its_versions_decisions_history_and_blobs_and_is_published_and_audited()
    {
        var workspace = ModelTests.UniqueName("del");
        var model = ModelTests.UniqueName("m");
        await Client.CreateModelAsync(model, workspace);
        await Client.UploadAsync(model, RegistryClient.RandomArtifact(100), workspace: workspace);
        await Client.UploadAsync(model, RegistryClient.RandomArtifact(100), workspace: workspace);
        await Client.As("lead").SetApprovalPolicyAsync(new ApprovalPolicy { Workspace = workspace, ModelName = model, RequiredApprovals = 2 });
        await Client.As("alice").ApproveAsync(model, 1, workspace: workspace);
        await Client.SetAliasAsync(model, "candidate", 2, workspace);
        await Client.DeleteAliasAsync(model, "candidate", workspace);
        Assert.Equal(2, (await registry.UploadedBlobsAsync(model, workspace)).Count);
        var modelId = await ModelIdAsync(model, workspace);
        List<Guid> versionIds;
        await using (var dbContext = registry.NewDbContext())
        {
            versionIds = await dbContext.ModelVersions.Where(v => v.ModelId == modelId).Select(v => v.Id).ToListAsync();
            Assert.Equal(1, await dbContext.Set<ApprovalDecisionEntity>().CountAsync(d => versionIds.Contains(d.ModelVersionId)));
            Assert.Equal(2, await dbContext.Set<AliasHistoryEntity>().CountAsync(h => h.ModelId == modelId));
        }

        await Client.As("owner").DeleteModelAsync(model, workspace);

        var gone = await Assert.ThrowsAsync<RpcException>(() => Client.GetModelAsync(model, workspace));
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
        await using (var dbContext = registry.NewDbContext())
        {
            Assert.Equal(0, await dbContext.ModelVersions.CountAsync(v => v.ModelId == modelId));
            Assert.Equal(0, await dbContext.Set<ApprovalPolicyEntity>().CountAsync(p => p.ModelId == modelId));
            Assert.Equal(0, await dbContext.Set<AliasHistoryEntity>().CountAsync(h => h.ModelId == modelId));
            Assert.Equal(0, await dbContext.Set<ApprovalDecisionEntity>().CountAsync(d => versionIds.Contains(d.ModelVersionId)));
        }

        Assert.Empty(await BlobsUnderAsync(modelId));
        var subject = EventSubjects.Model(workspace, model);
        var deleted = await Eventually.ResultAsync(() => registry.DeletedEvents.FirstOrDefault(e => e.Subject == subject), "ModelDeleted");
        Assert.Equal([1, 2], deleted.VersionNumbers);
        Assert.Equal("owner", deleted.DeletedBy);
        var trail = await Client.ListAuditEntriesAsync(new ListAuditEntriesRequest { Workspace = workspace, Subject = subject });
        Assert.Equal(("model.delete", "owner", "1,2"), (trail.Entries[0].Action, trail.Entries[0].Actor, trail.Entries[0].Details["versions"]));

        // The name is free again, and its versions start from 1.
        await Client.CreateModelAsync(new CreateModelRequest { Workspace = workspace, Name = model });
        Assert.Equal(1, (await Client.UploadAsync(model, [1], workspace: workspace)).Version);
    }

    [Fact]
    public async Task A_model_with_an_alias_on_a_version_cannot_be_deleted_until_the_alias_is()
    {
        var model = ModelTests.UniqueName("del");
        await Client.CreateModelAsync(model);
        await Client.UploadAsync(model, [1]);
        await Client.SetAliasAsync(model, "challenger", 1);

        var refused = await Assert.ThrowsAsync<RpcException>(() => Client.DeleteModelAsync(model));

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("'challenger' -> version 1", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1, (await Client.GetModelVersionAsync(model, 1)).Version);
        Assert.Single(await registry.UploadedBlobsAsync(model));
        await Client.DeleteAliasAsync(model, "challenger");
        await Client.DeleteModelAsync(model);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => Client.GetModelAsync(model))).StatusCode);
    }

    [Fact]
    public async Task A_model_with_an_approved_version_cannot_be_deleted()
    {
        var model = ModelTests.UniqueName("del");
        await Client.CreateModelAsync(model);
        await Client.UploadAsync(model, [1]);
        await Client.UploadAsync(model, [2]);
        await Client.As("alice").ApproveAsync(model, 2);

        var refused = await Assert.ThrowsAsync<RpcException>(() => Client.DeleteModelAsync(model));

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("version 2 is APPROVED", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(2, await registry.VersionRowsAsync(model));
        Assert.Equal(2, (await registry.UploadedBlobsAsync(model)).Count);
        Assert.Equal(0, await registry.OutboxCountAsync<ModelDeleted>(EventSubjects.Model("default", model)));
    }

    [Fact]
    public async Task Deleting_a_missing_model_is_not_found_and_a_bad_name_invalid()
    {
        var missing = await Assert.ThrowsAsync<RpcException>(() => Client.DeleteModelAsync(ModelTests.UniqueName("gone")));
        var invalid = await Assert.ThrowsAsync<RpcException>(() => Client.DeleteModelAsync("-bad"));

        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Contains("name '-bad' is invalid", invalid.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deletion_racing_an_approval_lets_exactly_one_of_them_win()
    {
        for (var round = 0; round < 5; round++)
        {
            var model = ModelTests.UniqueName("del");
            await Client.CreateModelAsync(model);
            await Client.UploadAsync(model, [1]);

            var approve = Outcome(Client.As("alice").ApproveAsync(model, 1));
            var delete = Outcome(Client.DeleteModelAsync(model));
            var (approved, deleted) = (await approve, await delete);

            // Either the approval came first and protects the model, or the deletion did and the version is gone.
            Assert.True(
                (approved, deleted) is (StatusCode.OK, StatusCode.FailedPrecondition) or (StatusCode.NotFound, StatusCode.OK),
                $"approve: {approved}, delete: {deleted}");
        }
    }

    [Fact]
    public async Task An_upload_that_ends_after_its_model_was_deleted_is_not_found_and_leaves_no_blob()
    {
        var model = ModelTests.UniqueName("del");
        await Client.CreateModelAsync(model);
        var modelId = await ModelIdAsync(model, "default");
        var artifact = RegistryClient.RandomArtifact(8 * 1024 * 1024);
        using var upload = Client.StartCreateModelVersion();

        // More than HTTP/2 flow control lets through unread: once written, the server has taken the header and is storing chunks.
        foreach (var message in RegistryClient.Messages(RegistryClient.Header(model, artifact), artifact, 1024 * 1024))
        {
            await upload.RequestStream.WriteAsync(message);
        }

        await Client.DeleteModelAsync(model);
        await upload.RequestStream.CompleteAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => upload.ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains($"Model '{model}' does not exist", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(await BlobsUnderAsync(modelId));
        await using var dbContext = registry.NewDbContext();
        Assert.Equal(0, await dbContext.ModelVersions.CountAsync(v => v.ModelId == modelId));
    }

    private static async Task<StatusCode> Outcome(Task call)
    {
        try
        {
            await call;
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    private async Task<Guid> ModelIdAsync(string model, string workspace)
    {
        await using var dbContext = registry.NewDbContext();
        return await dbContext.Models.Where(m => m.Workspace == workspace && m.Name == model).Select(m => m.Id).SingleAsync();
    }

    private async Task<List<string>> BlobsUnderAsync(Guid modelId)
    {
        var names = new List<string>();
        await foreach (var blob in registry.Blobs.ListAsync(BlobArtifactStore.Container, BlobArtifactStore.UploadsPrefix(modelId)))
        {
            names.Add(blob.Name);
        }

        return names;
    }
}
