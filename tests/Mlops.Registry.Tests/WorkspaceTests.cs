using Mlops.Grpc;
using Mlops.Registry.Tests.Infrastructure;
using Mlops.Registry.V1;

namespace Mlops.Registry.Tests;

[Collection(RegistryCollection.Name)]
public sealed class WorkspaceTests(RegistryFixture registry)
{
    private RegistryClient Client => registry.Client;

    [Fact]
    public async Task The_default_workspace_always_exists()
    {
        var workspace = await Client.GetWorkspaceAsync("default");

        Assert.Equal("default", workspace.Name);
        Assert.Equal("system", workspace.CreatedBy);
    }

    [Fact]
    public async Task A_created_workspace_is_returned_by_get_and_a_second_create_is_already_exists()
    {
        var name = ModelTests.UniqueName("team");

        var created = await Client.CreateWorkspaceAsync(new CreateWorkspaceRequest { Name = name, Description = "the risk team" });
        var fetched = await Client.GetWorkspaceAsync(name);
        var again = await Assert.ThrowsAsync<RpcException>(() => Client.CreateWorkspaceAsync(new CreateWorkspaceRequest { Name = name }));

        Assert.Equal(created, fetched);
        Assert.Equal("the risk team", fetched.Description);
        Assert.Equal(RegistryClient.User, fetched.CreatedBy);
        Assert.Equal(StatusCode.AlreadyExists, again.StatusCode);
        Assert.Contains($"Workspace '{name}' already exists", again.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_in_a_workspace_that_does_not_exist_is_not_found_and_not_created()
    {
        var workspace = ModelTests.UniqueName("nowhere");

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.CreateModelAsync(new CreateModelRequest { Workspace = workspace, Name = "m" }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains($"Workspace '{workspace}' does not exist", error.Status.Detail, StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<RpcException>(() => Client.GetWorkspaceAsync(workspace));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Workspaces_page_in_name_order()
    {
        var prefix = ModelTests.UniqueName("page");
        foreach (var suffix in new[] { "c", "a", "b" })
        {
            await Client.CreateWorkspaceAsync(new CreateWorkspaceRequest { Name = $"{prefix}-{suffix}" });
        }

        var names = new List<string>();
        var token = "";
        do
        {
            var page = await Client.ListWorkspacesAsync(pageSize: 2, token);
            Assert.True(page.Workspaces.Count <= 2);
            names.AddRange(page.Workspaces.Select(workspace => workspace.Name));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal([$"{prefix}-a", $"{prefix}-b", $"{prefix}-c"], names.Where(name => name.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Theory]
    [InlineData("", "name '' is invalid")]
    [InlineData("a b", "name 'a b' is invalid")]
    public async Task An_invalid_workspace_name_is_invalid_argument(string name, string message)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.CreateWorkspaceAsync(new CreateWorkspaceRequest { Name = name }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(message, error.Status.Detail, StringComparison.Ordinal);
    }
}
