using Mlops.Grpc;
using Mlops.Registry.Tests.Infrastructure;
using Mlops.Registry.V1;

namespace Mlops.Registry.Tests.SearchCalls;

[Collection(RegistryCollection.Name)]
public sealed class SearchModelsTests(RegistryFixture registry)
{
    private RegistryClient Client => registry.Client;

    [Theory]
    [InlineData("", new string[0], "churn fraud-a fraud-b")]
    [InlineData("name LIKE 'fraud%'", new string[0], "fraud-a fraud-b")]
    [InlineData("tags.team = 'risk'", new string[0], "churn fraud-a")]
    [InlineData("tags.owner = 'risk-team' AND latest_version >= 3", new string[0], "fraud-a")]
    [InlineData("", new[] { "latest_version DESC", "name" }, "fraud-a churn fraud-b")]
    [InlineData("", new[] { "tags.team DESC", "name DESC" }, "fraud-a churn fraud-b")]
    [InlineData("created_by = 'tester' AND update_time > '2020-01-01'", new[] { "name DESC" }, "fraud-b fraud-a churn")]
    public async Task A_filter_and_order_by_select_and_sort_the_models_of_the_workspace(string filter, string[] orderBy, string expected)
    {
        var workspace = await SearchDataset.WorkspaceAsync(Client);

        foreach (var pageSize in new[] { 1, 2, 100 })
        {
            var names = new List<string>();
            var request = new SearchModelsRequest { Workspace = workspace, Filter = filter, OrderBy = { orderBy }, PageSize = pageSize };
            do
            {
                var page = await Client.SearchModelsAsync(request);
                names.AddRange(page.Models.Select(m => m.Name));
                Assert.All(page.Models, m => Assert.Equal(workspace, m.Workspace));
                request.PageToken = page.NextPageToken;
            }
            while (request.PageToken.Length > 0);

            Assert.Equal(expected.Split(' '), names);
        }
    }

    [Fact]
    public async Task A_model_search_token_is_no_version_search_token_and_a_wrong_filter_is_refused()
    {
        var workspace = await SearchDataset.WorkspaceAsync(Client);
        var first = await Client.SearchModelsAsync(new SearchModelsRequest { Workspace = workspace, PageSize = 1 });

        var crossed = await Assert.ThrowsAsync<RpcException>(() =>
            Client.SearchModelVersionsAsync(new SearchModelVersionsRequest { Workspace = workspace, PageSize = 1, PageToken = first.NextPageToken }));
        var metric = await Assert.ThrowsAsync<RpcException>(() => Client.SearchModelsAsync(new SearchModelsRequest { Workspace = workspace, Filter = "metrics.auc > 0.9" }));

        Assert.Equal(StatusCode.InvalidArgument, crossed.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, metric.StatusCode);
        Assert.StartsWith("filter: unknown identifier 'metrics.auc' at position 0", metric.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_update_is_found_by_its_new_tags_and_no_longer_by_its_old_ones()
    {
        var workspace = ModelTests.UniqueName("search");
        await Client.CreateModelAsync(new CreateModelRequest { Workspace = await EnsureAsync(workspace), Name = "m", Tags = { ["stage"] = "dev" } });

        await Client.UpdateModelAsync(new UpdateModelRequest { Workspace = workspace, Name = "m", SetTags = { ["stage"] = "prod" } });

        Assert.Empty((await Client.SearchModelsAsync(new SearchModelsRequest { Workspace = workspace, Filter = "tags.stage = 'dev'" })).Models);
        Assert.Single((await Client.SearchModelsAsync(new SearchModelsRequest { Workspace = workspace, Filter = "tags.stage = 'prod'" })).Models);
    }

    private async Task<string> EnsureAsync(string workspace)
    {
        await Client.EnsureWorkspaceAsync(workspace);
        return workspace;
    }
}
