using Mlops.Grpc;
using Mlops.Registry.Tests.Infrastructure;
using Mlops.Registry.V1;

namespace Mlops.Registry.Tests.SearchCalls;

[Collection(RegistryCollection.Name)]
public sealed class ListModelVersionsTests(RegistryFixture registry)
{
    private RegistryClient Client => registry.Client;

    [Fact]
    public async Task A_models_versions_come_newest_first_in_pages_that_cover_each_once()
    {
        var workspace = ModelTests.UniqueName("list");
        await Client.CreateModelAsync("m", workspace);
        await Client.CreateModelAsync("other", workspace);
        for (var i = 0; i < 5; i++)
        {
            await Client.UploadAsync(new ModelVersionHeader { Workspace = workspace, ModelName = "m" });
        }

        await Client.UploadAsync(new ModelVersionHeader { Workspace = workspace, ModelName = "other" });

        var pages = await PagesAsync(workspace, "m", pageSize: 2);

        Assert.Equal([2, 2, 1], pages.Select(page => page.Count));
        Assert.Equal([5, 4, 3, 2, 1], pages.SelectMany(page => page).Select(v => v.Version));
        Assert.All(pages.SelectMany(page => page), v => Assert.Equal("m", v.ModelName));
    }

    [Fact]
    public async Task A_version_registered_between_pages_neither_repeats_nor_shifts_the_next_page()
    {
        var workspace = ModelTests.UniqueName("list");
        await Client.CreateModelAsync("m", workspace);
        for (var i = 0; i < 4; i++)
        {
            await Client.UploadAsync(new ModelVersionHeader { Workspace = workspace, ModelName = "m" });
        }

        var first = await Client.ListModelVersionsAsync(new ListModelVersionsRequest { Workspace = workspace, ModelName = "m", PageSize = 2 });
        await Client.UploadAsync(new ModelVersionHeader { Workspace = workspace, ModelName = "m" });
        var second = await Client.ListModelVersionsAsync(new ListModelVersionsRequest { Workspace = workspace, ModelName = "m", PageSize = 2, PageToken = first.NextPageToken });

        Assert.Equal([4, 3], first.ModelVersions.Select(v => v.Version));
        Assert.Equal([2, 1], second.ModelVersions.Select(v => v.Version));
        Assert.Equal("", second.NextPageToken);
    }

    [Fact]
    public async Task A_token_is_good_only_for_the_model_it_came_from()
    {
        var workspace = ModelTests.UniqueName("list");
        await Client.CreateModelAsync("a", workspace);
        await Client.CreateModelAsync("b", workspace);
        for (var i = 0; i < 3; i++)
        {
            await Client.UploadAsync(new ModelVersionHeader { Workspace = workspace, ModelName = "a" });
        }

        var page = await Client.ListModelVersionsAsync(new ListModelVersionsRequest { Workspace = workspace, ModelName = "a", PageSize = 1 });
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client.ListModelVersionsAsync(new ListModelVersionsRequest { Workspace = workspace, ModelName = "b", PageSize = 1, PageToken = page.NextPageToken }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("page_token belongs to another search", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("absent", 0, "", StatusCode.NotFound, "Model 'absent' does not exist")]
    [InlineData("", 0, "", StatusCode.InvalidArgument, "model_name '' is invalid")]
    [InlineData("m", 1001, "", StatusCode.InvalidArgument, "page_size is 1001")]
    [InlineData("m", 0, "garbage", StatusCode.InvalidArgument, "page_token is invalid")]
    public async Task Wrong_listings_are_refused(string model, int pageSize, string token, StatusCode code, string message)
    {
        var workspace = ModelTests.UniqueName("list");
        await Client.CreateModelAsync("m", workspace);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client.ListModelVersionsAsync(new ListModelVersionsRequest { Workspace = workspace, ModelName = model, PageSize = pageSize, PageToken = token }));

        Assert.Equal(code, error.StatusCode);
        Assert.Contains(message, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_of_large_versions_is_cut_short_to_stay_under_the_message_limit_and_the_rest_follows()
    {
        var workspace = ModelTests.UniqueName("list");
        await Client.CreateModelAsync("big", workspace);

        // About 205 KB of params each: 15 of them would make a 3 MB response, over the 2 MiB a page may weigh.
        for (var i = 0; i < 15; i++)
        {
            var header = new ModelVersionHeader { Workspace = workspace, ModelName = "big" };
            header.Params.Add(Enumerable.Range(0, 200).ToDictionary(p => $"p{p}", _ => new string('v', 1024)));
            await Client.UploadAsync(header);
        }

        var pages = await PagesAsync(workspace, "big", pageSize: 100);

        Assert.True(pages.Count > 1, "a 3 MB page was not cut short");
        Assert.All(pages, page => Assert.InRange(page.Sum(v => v.CalculateSize()), 1, 2 * 1024 * 1024));
        Assert.Equal(Enumerable.Range(1, 15).Reverse(), pages.SelectMany(page => page).Select(v => v.Version));
    }

    private async Task<List<List<ModelVersion>>> PagesAsync(string workspace, string model, int pageSize)
    {
        var pages = new List<List<ModelVersion>>();
        var token = "";
        do
        {
            var page = await Client.ListModelVersionsAsync(new ListModelVersionsRequest { Workspace = workspace, ModelName = model, PageSize = pageSize, PageToken = token });
            pages.Add([.. page.ModelVersions]);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        return pages;
    }
}
