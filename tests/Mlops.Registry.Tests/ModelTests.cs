using Mlops.Grpc;
using Mlops.Registry.Tests.Infrastructure;
using Mlops.Registry.V1;
using Mlops.Testing;

namespace Mlops.Registry.Tests;

[Collection(RegistryCollection.Name)]
public sealed class ModelTests(RegistryFixture registry)
{
    private RegistryClient Client => registry.Client;

    [Fact]
    public async Task A_created_model_is_returned_by_get_in_the_default_workspace()
    {
        var name = UniqueName("churn");
        var request = new CreateModelRequest { Name = name, Description = "predicts churn", Tags = { ["team"] = "growth", ["task"] = "classification" } };

        var created = await Client.CreateModelAsync(request);
        var fetched = await Client.GetModelAsync(name, workspace: "default");

        Assert.Equal(created, fetched);
        Assert.Equal("default", fetched.Workspace);
        Assert.Equal(name, fetched.Name);
        Assert.Equal("predicts churn", fetched.Description);
        Assert.Equal(request.Tags, fetched.Tags);
        Assert.Equal(RegistryClient.User, fetched.CreatedBy);
        Assert.Equal(0, fetched.LatestVersion);
        Assert.NotNull(fetched.CreateTime);
    }

    [Fact]
    public async Task A_created_model_is_published_as_ModelCreated()
    {
        var workspace = UniqueName("events");
        var name = UniqueName("churn");

        await Client.CreateModelAsync(name, workspace);

        var created = await Eventually.ResultAsync(
            () => registry.ModelEvents.FirstOrDefault(e => e.Workspace == workspace && e.ModelName == name),
            "ModelCreated reaches the test queue");
        Assert.Equal($"workspaces/{workspace}/models/{name}", created.Subject);
        Assert.Equal("registry", created.Source);
        Assert.Equal(RegistryClient.User, created.CreatedBy);
    }

    [Fact]
    public async Task Creating_a_model_twice_is_already_exists()
    {
        var name = UniqueName("dup");
        await Client.CreateModelAsync(name, workspace: "team-a");

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.CreateModelAsync(name, workspace: "team-a"));

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Contains(name, error.Status.Detail, StringComparison.Ordinal);

        // The same name in another workspace is another model.
        Assert.Equal(name, (await Client.CreateModelAsync(name, workspace: "team-b")).Name);
    }

    [Fact]
    public async Task Getting_an_unknown_model_is_not_found()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.GetModelAsync(UniqueName("nobody")));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("does not exist", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listing_pages_through_the_workspace_in_name_order()
    {
        var workspace = UniqueName("ws");
        string[] names = ["delta", "alpha", "echo", "charlie", "bravo"];
        foreach (var name in names)
        {
            await Client.CreateModelAsync(name, workspace);
        }

        var pages = new List<List<string>>();
        var token = "";
        do
        {
            var page = await Client.ListModelsAsync(workspace, pageSize: 2, token);
            pages.Add(page.Models.Select(m => m.Name).ToList());
            Assert.All(page.Models, m => Assert.Equal(workspace, m.Workspace));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal([["alpha", "bravo"], ["charlie", "delta"], ["echo"]], pages);
        var all = await Client.ListModelsAsync(workspace, pageSize: 0);
        Assert.Equal(["alpha", "bravo", "charlie", "delta", "echo"], all.Models.Select(m => m.Name));
        Assert.Equal("", all.NextPageToken);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1001)]
    public async Task A_page_size_out_of_range_is_invalid_argument(int pageSize)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.ListModelsAsync("", pageSize));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("page_size", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not base64 !")]
    [InlineData("bm90LWEtdG9rZW4")]
    public async Task A_malformed_page_token_is_invalid_argument(string token)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.ListModelsAsync("", 10, token));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("page_token", error.Status.Detail, StringComparison.Ordinal);
    }

    public static TheoryData<string, CreateModelRequest, string> InvalidRequests() => new()
    {
        { "empty name", new CreateModelRequest { Name = "" }, "name '' is invalid" },
        { "name too long", new CreateModelRequest { Name = new string('a', 129) }, "1 to 128 characters" },
        { "name with a space", new CreateModelRequest { Name = "my model" }, "name 'my model' is invalid" },
        { "name starting with '-'", new CreateModelRequest { Name = "-model" }, "starting with a letter or digit" },
        { "bad workspace", new CreateModelRequest { Workspace = "team/a", Name = "m" }, "workspace 'team/a' is invalid" },
        { "description too long", new CreateModelRequest { Name = "m", Description = new string('d', 4001) }, "description is too long" },
        { "too many tags", WithTags(Enumerable.Range(0, 51).ToDictionary(i => $"k{i}", _ => "v")), "at most 50" },
        { "empty tag key", WithTags(new() { [""] = "v" }), "tags key '' is invalid" },
        { "tag key too long", WithTags(new() { [new string('k', 129)] = "v" }), "1 to 128 characters" },
        { "tag value too long", WithTags(new() { ["k"] = new string('v', 1025) }), "tags['k'] is too long" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task An_invalid_model_is_invalid_argument_naming_the_field_and_rule(string what, CreateModelRequest request, string message)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.CreateModelAsync(request));

        Assert.True(error.StatusCode == StatusCode.InvalidArgument, what);
        Assert.Contains(message, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_longest_valid_names_and_values_are_accepted()
    {
        var name = (UniqueName("m.x_y-") + new string('z', 128))[..128];
        var request = new CreateModelRequest { Name = name, Description = new string('d', 4000) };
        foreach (var i in Enumerable.Range(0, 50))
        {
            request.Tags[$"{i}".PadRight(128, 'k')] = new string('v', 1024);
        }

        var created = await Client.CreateModelAsync(request);

        Assert.Equal(name, created.Name);
        Assert.Equal(50, created.Tags.Count);
    }

    internal static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    private static CreateModelRequest WithTags(Dictionary<string, string> tags) => new() { Name = "m", Tags = { tags } };
}
