using Microsoft.EntityFrameworkCore;
using Mlops.Grpc;
using Mlops.Registry.Tests.Infrastructure;
using Mlops.Registry.V1;

namespace Mlops.Registry.Tests.SearchCalls;

/// <summary>SearchModelVersions on the real registry: which versions a filter selects, in which order, page by page.</summary>
[Collection(RegistryCollection.Name)]
public sealed class SearchModelVersionsTests(RegistryFixture registry)
{
    private RegistryClient Client => registry.Client;

    [Theory]
    [InlineData("name LIKE 'fraud%' AND tags.team = 'risk' AND metrics.auc > 0.9", "fraud-a/1 fraud-b/1")]
    [InlineData("tags.team = 'risk'", "fraud-a/1 fraud-a/2 fraud-b/1 fraud-b/2 churn/1")]
    [InlineData("tags.team IS NULL", "churn/2")]
    [InlineData("tags.team != 'risk'", "fraud-a/3")]
    [InlineData("metrics.auc IS NULL", "fraud-b/2")]
    [InlineData("metrics.auc >= 0.95", "fraud-a/1 fraud-a/3 churn/1 churn/2")]
    [InlineData("metric.auc IN (0.85, 0.92)", "fraud-a/2 fraud-b/1")]
    [InlineData("flavor = 'xgboost'", "fraud-a/1 fraud-a/2")]
    [InlineData("flavor IS NULL", "fraud-b/1 fraud-b/2")]
    [InlineData("name = 'churn' AND version = 2", "churn/2")]
    [InlineData("version > 2", "fraud-a/3")]
    [InlineData("params.owner = 'risk-team' AND created_by = 'tester'", "fraud-a/1 fraud-a/2 fraud-a/3 fraud-b/1 fraud-b/2 churn/1 churn/2")]
    [InlineData("params.owner = 'other-team'", "")]
    [InlineData("create_time < '2000-01-01'", "")]
    [InlineData("", "fraud-a/1 fraud-a/2 fraud-a/3 fraud-b/1 fraud-b/2 churn/1 churn/2")]
    public async Task A_filter_selects_the_versions_of_the_workspace_it_describes(string filter, string expected)
    {
        var workspace = await SearchDataset.WorkspaceAsync(Client);

        var found = await AllAsync(new SearchModelVersionsRequest { Workspace = workspace, Filter = filter }, pageSize: 100);

        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(), found.Select(Key).Order());
        Assert.All(found, v => Assert.Equal(workspace, v.Workspace));
    }

    [Fact]
    public async Task By_default_the_newest_version_comes_first()
    {
        var workspace = await SearchDataset.WorkspaceAsync(Client);

        var found = await AllAsync(new SearchModelVersionsRequest { Workspace = workspace }, pageSize: 3);

        Assert.Equal(["churn/2", "churn/1", "fraud-b/2", "fraud-b/1", "fraud-a/3", "fraud-a/2", "fraud-a/1"], found.Select(Key));
    }

    [Theory]
    [InlineData("metrics.auc DESC")]
    [InlineData("metrics.auc")]
    [InlineData("tags.team|metrics.auc DESC")]
    [InlineData("flavor DESC")]
    [InlineData("name|version DESC")]
    [InlineData("created_by")]
    [InlineData("create_time")]
    public async Task Pages_of_any_size_add_up_to_the_whole_order_across_ties_and_missing_values(string order)
    {
        var orderBy = order.Split('|');
        var workspace = await SearchDataset.WorkspaceAsync(Client);
        var whole = await AllAsync(new SearchModelVersionsRequest { Workspace = workspace, OrderBy = { orderBy } }, pageSize: 100);

        foreach (var pageSize in new[] { 1, 2, 3, 4 })
        {
            var paged = await AllAsync(new SearchModelVersionsRequest { Workspace = workspace, OrderBy = { orderBy } }, pageSize);

            Assert.Equal(whole.Select(Key), paged.Select(Key));
        }

        Assert.Equal(7, whole.Select(Key).Distinct().Count());
    }

    [Fact]
    public async Task Ordering_by_a_metric_puts_missing_values_last_in_both_directions()
    {
        var workspace = await SearchDataset.WorkspaceAsync(Client);

        var descending = await AllAsync(new SearchModelVersionsRequest { Workspace = workspace, OrderBy = { "metrics.auc DESC" } }, pageSize: 2);
        var ascending = await AllAsync(new SearchModelVersionsRequest { Workspace = workspace, OrderBy = { "metrics.auc" } }, pageSize: 2);

        Assert.Equal([0.99, 0.97, 0.95, 0.95, 0.92, 0.85], descending.Take(6).Select(v => v.Metrics["auc"]));
        Assert.Equal([0.85, 0.92, 0.95, 0.95, 0.97, 0.99], ascending.Take(6).Select(v => v.Metrics["auc"]));
        Assert.Equal("fraud-b/2", Key(descending[^1]));
        Assert.Equal("fraud-b/2", Key(ascending[^1]));
    }

    [Fact]
    public async Task A_search_can_be_scoped_to_one_model()
    {
        var workspace = await SearchDataset.WorkspaceAsync(Client);

        var found = await AllAsync(new SearchModelVersionsRequest { Workspace = workspace, ModelName = "fraud-a", Filter = "tags.team = 'risk'" }, pageSize: 1);

        Assert.Equal(["fraud-a/2", "fraud-a/1"], found.Select(Key));
    }

    [Fact]
    public async Task A_version_registered_between_pages_does_not_shift_the_next_page()
    {
        var workspace = ModelTests.UniqueName("search");
        await Client.CreateModelAsync("m", workspace);
        for (var i = 0; i < 4; i++)
        {
            await Client.UploadAsync(new ModelVersionHeader { Workspace = workspace, ModelName = "m" });
        }

        var first = await Client.SearchModelVersionsAsync(new SearchModelVersionsRequest { Workspace = workspace, PageSize = 2 });
        await Client.UploadAsync(new ModelVersionHeader { Workspace = workspace, ModelName = "m" });
        var second = await Client.SearchModelVersionsAsync(new SearchModelVersionsRequest { Workspace = workspace, PageSize = 2, PageToken = first.NextPageToken });

        Assert.Equal([4, 3], first.ModelVersions.Select(v => v.Version));
        Assert.Equal([2, 1], second.ModelVersions.Select(v => v.Version));
    }

    [Theory]
    [InlineData("filter", "page_token belongs to another search")]
    [InlineData("order_by", "page_token belongs to another search")]
    [InlineData("model_name", "page_token belongs to another search")]
    [InlineData("workspace", "page_token belongs to another search")]
    [InlineData("garbage", "page_token is invalid")]
    public async Task A_token_used_with_another_search_is_invalid_argument(string change, string message)
    {
        var workspace = await SearchDataset.WorkspaceAsync(Client);
        var request = new SearchModelVersionsRequest { Workspace = workspace, Filter = "tags.team = 'risk'", OrderBy = { "metrics.auc DESC" }, PageSize = 2 };
        var first = await Client.SearchModelVersionsAsync(request);
        var next = request.Clone();
        next.PageToken = first.NextPageToken;
        switch (change)
        {
            case "filter":
                next.Filter = "tags.team = 'growth'";
                break;
            case "order_by":
                next.OrderBy[0] = "metrics.auc";
                break;
            case "model_name":
                next.ModelName = "fraud-a";
                break;
            case "workspace":
                next.Workspace = "default";
                break;
            default:
                next.PageToken = first.NextPageToken[..^2];
                break;
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.SearchModelVersionsAsync(next));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(message, error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("metrics.auc > 'high'", "", StatusCode.InvalidArgument, "filter: 'metrics.auc' is a number, so the value at position 14 must be a number")]
    [InlineData("nmae = 'x'", "", StatusCode.InvalidArgument, "filter: unknown identifier 'nmae' at position 0")]
    [InlineData("metrics.auc > NaN", "", StatusCode.InvalidArgument, "filter: NaN at position 14 is not a number that can be compared")]
    [InlineData("tags.team = 'risk' OR tags.team = 'growth'", "", StatusCode.InvalidArgument, "filter: OR at position 19 is not supported")]
    [InlineData("", "absent", StatusCode.NotFound, "Model 'absent' does not exist")]
    public async Task A_wrong_search_is_refused_with_what_is_wrong(string filter, string model, StatusCode code, string message)
    {
        var workspace = await SearchDataset.WorkspaceAsync(Client);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client.SearchModelVersionsAsync(new SearchModelVersionsRequest { Workspace = workspace, ModelName = model, Filter = filter }));

        Assert.Equal(code, error.StatusCode);
        Assert.StartsWith(message, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_order_by_that_cannot_be_used_and_a_missing_workspace_are_refused()
    {
        var badOrder = await Assert.ThrowsAsync<RpcException>(() =>
            Client.SearchModelVersionsAsync(new SearchModelVersionsRequest { OrderBy = { "metrics.auc DOWN" } }));
        var noWorkspace = await Assert.ThrowsAsync<RpcException>(() =>
            Client.SearchModelVersionsAsync(new SearchModelVersionsRequest { Workspace = ModelTests.UniqueName("absent") }));

        Assert.Equal(StatusCode.InvalidArgument, badOrder.StatusCode);
        Assert.StartsWith("order_by[0]: expected ASC, DESC or end of order_by[0]", badOrder.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, noWorkspace.StatusCode);
    }

    [Fact]
    public async Task Ordering_by_update_time_follows_the_latest_update()
    {
        var workspace = ModelTests.UniqueName("search");
        await Client.CreateModelAsync("m", workspace);
        for (var i = 0; i < 3; i++)
        {
            await Client.UploadAsync(new ModelVersionHeader { Workspace = workspace, ModelName = "m" });
        }

        await Client.UpdateModelVersionAsync(new UpdateModelVersionRequest { Workspace = workspace, ModelName = "m", Version = 1, Description = "touched" });

        var found = await AllAsync(new SearchModelVersionsRequest { Workspace = workspace, OrderBy = { "update_time DESC" } }, pageSize: 2);
        var recent = await AllAsync(new SearchModelVersionsRequest { Workspace = workspace, Filter = "description = 'touched'" }, pageSize: 2);

        Assert.Equal([1, 3, 2], found.Select(v => v.Version));
        Assert.Equal([1], recent.Select(v => v.Version));
    }

    [Fact]
    public async Task A_version_inserted_straight_into_the_table_gets_its_models_workspace_and_name_and_is_found()
    {
        var workspace = ModelTests.UniqueName("search");
        await Client.CreateModelAsync("seeded", workspace);

        // As a seeder writes rows: nothing of the copied workspace and model name, which the database fills in.
        await using (var dbContext = registry.NewDbContext())
        {
            await dbContext.Database.ExecuteSqlInterpolatedAsync($$"""
                INSERT INTO model_versions (id, model_id, version, description, tags, artifact_sha256, artifact_size_bytes,
                                            artifact_file_name, artifact_blob_name, created_by, create_time, metrics)
                SELECT gen_random_uuid(), m.id, 1, '', '{"team": "risk"}', repeat('a', 64), 1, 'model.bin', 'seed', 'bench', now(), '{"auc": 0.97}'
                FROM models m WHERE m.workspace = {{workspace}} AND m.name = 'seeded'
                """);
        }

        var found = await Client.SearchModelVersionsAsync(new SearchModelVersionsRequest { Workspace = workspace, Filter = "name = 'seeded' AND metrics.auc > 0.9" });

        Assert.Equal(["seeded/1"], found.ModelVersions.Select(Key));
    }

    internal static string Key(ModelVersion version) => $"{version.ModelName}/{version.Version}";

    [Fact]
    public async Task Versions_are_found_by_approval_and_upload_status_and_show_their_approval_and_aliases()
    {
        var workspace = ModelTests.UniqueName("ws");
        await Client.CreateModelAsync("m", workspace);
        for (var i = 0; i < 3; i++)
        {
            await Client.UploadAsync(new ModelVersionHeader { Workspace = workspace, ModelName = "m" });
        }

        var approver = Client.As("search-approver");
        await approver.ApproveAsync("m", 2, workspace: workspace);
        await approver.RejectAsync("m", 3, workspace: workspace);
        await Client.SetAliasAsync("m", "champion", 2, workspace);

        var approved = await Client.SearchModelVersionsAsync(new SearchModelVersionsRequest { Workspace = workspace, Filter = "approval_status = 'approved' AND status = 'READY'" });
        var single = Assert.Single(approved.ModelVersions);
        Assert.Equal(2, single.Version);
        Assert.Equal(ApprovalStatus.Approved, single.ApprovalStatus);
        Assert.Equal(["champion"], single.Aliases);

        var listed = await Client.ListModelVersionsAsync(new ListModelVersionsRequest { Workspace = workspace, ModelName = "m" });
        Assert.Equal(
            [ApprovalStatus.Rejected, ApprovalStatus.Approved, ApprovalStatus.PendingManualApproval],
            listed.ModelVersions.Select(version => version.ApprovalStatus));
        var unknown = await Assert.ThrowsAsync<RpcException>(() =>
            Client.SearchModelVersionsAsync(new SearchModelVersionsRequest { Workspace = workspace, Filter = "status = 'DONE'" }));
        Assert.Equal(StatusCode.InvalidArgument, unknown.StatusCode);
        Assert.Contains("pending_upload, ready, failed", unknown.Status.Detail, StringComparison.Ordinal);
    }

    private async Task<List<ModelVersion>> AllAsync(SearchModelVersionsRequest request, int pageSize)
    {
        var all = new List<ModelVersion>();
        request.PageSize = pageSize;
        do
        {
            var page = await Client.SearchModelVersionsAsync(request);
            Assert.InRange(page.ModelVersions.Count, 0, pageSize);
            all.AddRange(page.ModelVersions);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        return all;
    }
}
