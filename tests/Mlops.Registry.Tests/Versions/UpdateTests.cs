using Mlops.Grpc;
using Mlops.Registry.Tests.Infrastructure;
using Mlops.Registry.V1;
using Mlops.Testing;

namespace Mlops.Registry.Tests.Versions;

/// <summary>UpdateModel and UpdateModelVersion on the real registry: etags, concurrency, events and the audit trail.</summary>
[Collection(RegistryCollection.Name)]
public sealed class UpdateTests(RegistryFixture registry)
{
    private RegistryClient Client => registry.Client;

    [Fact]
    public async Task Updating_a_model_changes_description_and_tags_etag_and_update_time_and_is_published_and_audited()
    {
        var workspace = ModelTests.UniqueName("upd");
        var created = await Client.CreateModelAsync(new CreateModelRequest { Workspace = await WorkspaceAsync(workspace), Name = "churn", Tags = { ["team"] = "risk", ["stage"] = "dev" } });

        var updated = await Client.UpdateModelAsync(new UpdateModelRequest
        {
            Workspace = workspace,
            Name = "churn",
            Description = "predicts churn",
            SetTags = { ["stage"] = "prod", ["owner"] = "ann" },
            RemoveTags = { "team" },
            Etag = created.Etag,
        });

        Assert.Equal("predicts churn", updated.Description);
        Assert.Equal(new Dictionary<string, string> { ["stage"] = "prod", ["owner"] = "ann" }, updated.Tags);
        Assert.NotEqual(created.Etag, updated.Etag);
        Assert.True(updated.UpdateTime > created.UpdateTime);
        Assert.Equal(created.CreateTime, updated.CreateTime);
        Assert.Equal(updated, await Client.GetModelAsync("churn", workspace));

        var published = await Eventually.ResultAsync(() => registry.ModelUpdatedEvents.FirstOrDefault(e => e.Workspace == workspace), "ModelUpdated reaches the test queue");
        Assert.Equal($"workspaces/{workspace}/models/churn", published.Subject);
        Assert.Equal(["description", "tags"], published.ChangedFields);
        Assert.Equal(updated.Tags, published.Tags);
        Assert.Equal(updated.Etag, published.Etag);
        Assert.Equal(RegistryClient.User, published.UpdatedBy);

        var trail = await Client.ListAuditEntriesAsync(new ListAuditEntriesRequest { Workspace = workspace, Subject = $"workspaces/{workspace}/models/churn" });
        var entry = trail.Entries[0];
        Assert.Equal("model.update", entry.Action);
        Assert.Equal("description,tags", entry.Details["changed"]);
        Assert.Equal("stage,owner", entry.Details["tags_set"]);
        Assert.Equal("team", entry.Details["tags_removed"]);
    }

    [Fact]
    public async Task A_stale_etag_is_aborted_and_changes_nothing_and_no_etag_applies_to_the_current_state()
    {
        var workspace = await WorkspaceAsync(ModelTests.UniqueName("upd"));
        var created = await Client.CreateModelAsync(new CreateModelRequest { Workspace = workspace, Name = "m" });
        var first = await Client.UpdateModelAsync(new UpdateModelRequest { Workspace = workspace, Name = "m", Description = "one", Etag = created.Etag });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client.UpdateModelAsync(new UpdateModelRequest { Workspace = workspace, Name = "m", Description = "two", Etag = created.Etag }));
        var unconditional = await Client.UpdateModelAsync(new UpdateModelRequest { Workspace = workspace, Name = "m", SetTags = { ["k"] = "v" } });

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Contains($"etag '{created.Etag}' is not the current etag of model 'm'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("one", unconditional.Description);
        Assert.NotEqual(first.Etag, unconditional.Etag);
    }

    [Fact]
    public async Task Concurrent_tag_updates_without_etag_all_land()
    {
        var workspace = await WorkspaceAsync(ModelTests.UniqueName("upd"));
        await Client.CreateModelAsync(new CreateModelRequest { Workspace = workspace, Name = "m" });

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Client.UpdateModelAsync(new UpdateModelRequest { Workspace = workspace, Name = "m", SetTags = { [$"k{i}"] = $"v{i}" } })));

        var model = await Client.GetModelAsync("m", workspace);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"k{i}").Order(), model.Tags.Keys.Order());
    }

    [Fact]
    public async Task Of_concurrent_updates_with_the_same_etag_exactly_one_wins()
    {
        var workspace = await WorkspaceAsync(ModelTests.UniqueName("upd"));
        var created = await Client.CreateModelAsync(new CreateModelRequest { Workspace = workspace, Name = "m" });

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 5).Select(async i =>
        {
            try
            {
                await Client.UpdateModelAsync(new UpdateModelRequest { Workspace = workspace, Name = "m", Description = $"d{i}", Etag = created.Etag });
                return StatusCode.OK;
            }
            catch (RpcException e)
            {
                return e.StatusCode;
            }
        }));

        Assert.Equal(1, outcomes.Count(code => code == StatusCode.OK));
        Assert.Equal(4, outcomes.Count(code => code == StatusCode.Aborted));
    }

    [Fact]
    public async Task Model_updates_racing_version_registrations_leave_the_numbering_intact()
    {
        var workspace = await WorkspaceAsync(ModelTests.UniqueName("upd"));
        await Client.CreateModelAsync(new CreateModelRequest { Workspace = workspace, Name = "m" });

        var uploads = Enumerable.Range(0, 4).Select(_ => Client.UploadAsync(new ModelVersionHeader { Workspace = workspace, ModelName = "m" })).ToList();
        var updates = Enumerable.Range(0, 4).Select(i => Client.UpdateModelAsync(new UpdateModelRequest { Workspace = workspace, Name = "m", SetTags = { [$"k{i}"] = "v" } }));
        await Task.WhenAll([.. uploads, .. updates]);

        var model = await Client.GetModelAsync("m", workspace);
        Assert.Equal(4, model.LatestVersion);
        Assert.Equal(4, model.Tags.Count);
        Assert.Equal([1, 2, 3, 4], uploads.Select(u => u.Result.Version).Order());
    }

    [Fact]
    public async Task Updating_a_version_adds_metrics_keeps_its_metadata_and_is_published_and_audited()
    {
        var workspace = await WorkspaceAsync(ModelTests.UniqueName("upd"));
        await Client.CreateModelAsync(new CreateModelRequest { Workspace = workspace, Name = "m" });
        var created = await Client.UploadAsync(VersionMetadataTests.FullHeader(workspace, "m"));

        var updated = await Client.UpdateModelVersionAsync(new UpdateModelVersionRequest
        {
            Workspace = workspace,
            ModelName = "m",
            Version = 1,
            Description = "",
            SetTags = { ["validated"] = "yes" },
            AddMetrics = { ["auc"] = 0.93, ["holdout/auc"] = 0.91 },
            Etag = created.Etag,
        });

        Assert.Equal("", updated.Description);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "risk", ["validated"] = "yes" }, updated.Tags);
        Assert.Equal(new Dictionary<string, double> { ["auc"] = 0.93, ["val/loss"] = -1.5e-3, ["holdout/auc"] = 0.91 }, updated.Metrics);
        Assert.NotEqual(created.Etag, updated.Etag);
        var unchanged = updated.Clone();
        unchanged.Description = created.Description;
        unchanged.Tags.Remove("validated");
        unchanged.Metrics.Remove("holdout/auc");
        unchanged.Etag = created.Etag;
        unchanged.UpdateTime = created.UpdateTime;
        Assert.Equal(created, unchanged);
        Assert.Equal(updated, await Client.GetModelVersionAsync("m", 1, workspace));

        var published = await Eventually.ResultAsync(() => registry.VersionUpdatedEvents.FirstOrDefault(e => e.Workspace == workspace), "ModelVersionUpdated reaches the test queue");
        Assert.Equal($"workspaces/{workspace}/models/m/versions/1", published.Subject);
        Assert.Equal(["description", "tags", "metrics"], published.ChangedFields);
        Assert.Equal(new Dictionary<string, double> { ["holdout/auc"] = 0.91 }, published.AddedMetrics);
        Assert.Equal(3, published.Metrics.Count);
        var entry = (await Client.ListAuditEntriesAsync(new ListAuditEntriesRequest { Workspace = workspace, Subject = published.Subject })).Entries[0];
        Assert.Equal("model_version.update", entry.Action);
        Assert.Equal("holdout/auc=0.91", entry.Details["metrics_added"]);
    }

    [Fact]
    public async Task A_recorded_metric_is_never_changed_but_giving_it_again_with_its_value_is_a_harmless_retry()
    {
        var workspace = await WorkspaceAsync(ModelTests.UniqueName("upd"));
        await Client.CreateModelAsync(new CreateModelRequest { Workspace = workspace, Name = "m" });
        var created = await Client.UploadAsync(new ModelVersionHeader { Workspace = workspace, ModelName = "m", Metrics = { ["auc"] = 0.9 } });

        var retry = await Client.UpdateModelVersionAsync(new UpdateModelVersionRequest { Workspace = workspace, ModelName = "m", Version = 1, AddMetrics = { ["auc"] = 0.9 } });
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client.UpdateModelVersionAsync(new UpdateModelVersionRequest { Workspace = workspace, ModelName = "m", Version = 1, AddMetrics = { ["auc"] = 0.95, ["f1"] = 0.8 } }));

        Assert.Equal(created, retry);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("add_metrics['auc'] is 0.95, but version 1 of model 'm' already records auc = 0.9", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(created, await Client.GetModelVersionAsync("m", 1, workspace));
    }

    [Theory]
    [InlineData("nothing", StatusCode.InvalidArgument, "The request changes nothing")]
    [InlineData("nan", StatusCode.InvalidArgument, "add_metrics['auc'] is NaN")]
    [InlineData("both", StatusCode.InvalidArgument, "remove_tags[0] 'a' is also in set_tags")]
    [InlineData("version", StatusCode.NotFound, "has no version 2")]
    [InlineData("model", StatusCode.NotFound, "Model 'absent' in workspace")]
    [InlineData("etag", StatusCode.Aborted, "etag 'made-up' is not the current etag of version 1 of model 'm'")]
    [InlineData("zero", StatusCode.InvalidArgument, "version is 0")]
    public async Task Wrong_version_updates_are_refused_with_their_reason(string what, StatusCode code, string message)
    {
        var workspace = await WorkspaceAsync(ModelTests.UniqueName("upd"));
        await Client.CreateModelAsync(new CreateModelRequest { Workspace = workspace, Name = "m" });
        var created = await Client.UploadAsync(new ModelVersionHeader { Workspace = workspace, ModelName = "m" });
        var request = new UpdateModelVersionRequest { Workspace = workspace, ModelName = "m", Version = 1, SetTags = { ["a"] = "b" } };
        switch (what)
        {
            case "nothing":
                request.SetTags.Clear();
                break;
            case "nan":
                request.AddMetrics["auc"] = double.NaN;
                break;
            case "both":
                request.RemoveTags.Add("a");
                break;
            case "version":
                request.Version = 2;
                break;
            case "model":
                request.ModelName = "absent";
                break;
            case "etag":
                request.Etag = "made-up";
                break;
            default:
                request.Version = 0;
                break;
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.UpdateModelVersionAsync(request));

        Assert.Equal(code, error.StatusCode);
        Assert.Contains(message, error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(created, await Client.GetModelVersionAsync("m", 1, workspace));
    }

    [Fact]
    public async Task Updating_a_missing_model_is_not_found_and_a_51st_tag_is_invalid()
    {
        var workspace = await WorkspaceAsync(ModelTests.UniqueName("upd"));
        await Client.CreateModelAsync(new CreateModelRequest { Workspace = workspace, Name = "m", Tags = { Enumerable.Range(0, 50).ToDictionary(i => $"k{i}", _ => "v") } });

        var missing = await Assert.ThrowsAsync<RpcException>(() => Client.UpdateModelAsync(new UpdateModelRequest { Workspace = workspace, Name = "absent", Description = "x" }));
        var tooMany = await Assert.ThrowsAsync<RpcException>(() => Client.UpdateModelAsync(new UpdateModelRequest { Workspace = workspace, Name = "m", SetTags = { ["one-more"] = "v" } }));
        var replaced = await Client.UpdateModelAsync(new UpdateModelRequest { Workspace = workspace, Name = "m", SetTags = { ["one-more"] = "v" }, RemoveTags = { "k0" } });

        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, tooMany.StatusCode);
        Assert.Contains("set_tags would leave 51 tags", tooMany.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(50, replaced.Tags.Count);
    }

    private async Task<string> WorkspaceAsync(string workspace)
    {
        await Client.EnsureWorkspaceAsync(workspace);
        return workspace;
    }
}
