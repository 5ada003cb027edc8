using Google.Protobuf.WellKnownTypes;
using Mlops.Grpc;
using Mlops.Registry.Tests.Infrastructure;
using Mlops.Registry.V1;
using Mlops.Testing;

namespace Mlops.Registry.Tests.DatasetCalls;

[Collection(RegistryCollection.Name)]
public sealed class DatasetTests(RegistryFixture registry)
{
    private RegistryClient Client => registry.Client;

    [Fact]
    public async Task A_created_dataset_is_returned_by_get_in_the_default_workspace()
    {
        var name = ModelTests.UniqueName("customers");
        var request = new CreateDatasetRequest { Name = name, Description = "CRM export", Tags = { ["owner"] = "growth" } };

        var created = await Client.CreateDatasetAsync(request);
        var fetched = await Client.GetDatasetAsync(name, workspace: "default");

        Assert.Equal(created, fetched);
        Assert.Equal("default", fetched.Workspace);
        Assert.Equal("CRM export", fetched.Description);
        Assert.Equal(request.Tags, fetched.Tags);
        Assert.Equal(RegistryClient.User, fetched.CreatedBy);
        Assert.Equal(0, fetched.LatestVersion);
        Assert.Equal(fetched.CreateTime, fetched.UpdateTime);
    }

    [Fact]
    public async Task A_created_dataset_is_published_and_audited()
    {
        var workspace = ModelTests.UniqueName("dsevents");
        var name = ModelTests.UniqueName("customers");

        await Client.CreateDatasetAsync(name, workspace);

        var created = await Eventually.ResultAsync(
            () => registry.DatasetEvents.FirstOrDefault(e => e.Workspace == workspace && e.DatasetName == name),
            "DatasetCreated reaches the test queue");
        Assert.Equal($"workspaces/{workspace}/datasets/{name}", created.Subject);
        Assert.Equal("registry", created.Source);
        Assert.Equal(RegistryClient.User, created.CreatedBy);
        var trail = await Client.ListAuditEntriesAsync(new ListAuditEntriesRequest { Workspace = workspace });
        Assert.Equal(["dataset.create", "workspace.create"], trail.Entries.Select(entry => entry.Action));
        Assert.Equal(created.Subject, trail.Entries[0].Subject);
    }

    [Fact]
    public async Task Creating_a_dataset_twice_is_already_exists_but_another_workspace_has_its_own()
    {
        var name = ModelTests.UniqueName("dup");
        await Client.CreateDatasetAsync(name, workspace: "ds-team-a");

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.CreateDatasetAsync(name, workspace: "ds-team-a"));

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Contains($"Dataset '{name}' already exists in workspace 'ds-team-a'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("ds-team-b", (await Client.CreateDatasetAsync(name, workspace: "ds-team-b")).Workspace);
    }

    [Fact]
    public async Task A_dataset_in_a_workspace_that_does_not_exist_is_not_found()
    {
        var workspace = ModelTests.UniqueName("nowhere");

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.CreateDatasetAsync(new CreateDatasetRequest { Workspace = workspace, Name = "d" }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains($"Workspace '{workspace}' does not exist", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Datasets_are_seen_only_in_their_own_workspace()
    {
        var workspaceA = ModelTests.UniqueName("iso-a");
        var workspaceB = ModelTests.UniqueName("iso-b");
        var name = ModelTests.UniqueName("private");
        await Client.CreateDatasetAsync(name, workspaceA);
        await Client.EnsureWorkspaceAsync(workspaceB);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.GetDatasetAsync(name, workspaceB));
        var listedB = await Client.ListDatasetsAsync(workspaceB, 100);
        var listedA = await Client.ListDatasetsAsync(workspaceA, 100);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains($"Dataset '{name}' does not exist in workspace '{workspaceB}'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(listedB.Datasets);
        Assert.Equal([name], listedA.Datasets.Select(d => d.Name));
    }

    [Fact]
    public async Task Datasets_list_by_name_in_pages()
    {
        var workspace = ModelTests.UniqueName("dspages");
        string[] names = ["e-data", "a-data", "c-data", "b-data", "d-data"];
        foreach (var name in names)
        {
            await Client.CreateDatasetAsync(name, workspace);
        }

        var pages = new List<List<string>>();
        var token = "";
        do
        {
            var page = await Client.ListDatasetsAsync(workspace, 2, token);
            pages.Add(page.Datasets.Select(d => d.Name).ToList());
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal([["a-data", "b-data"], ["c-data", "d-data"], ["e-data"]], pages);
        var invalid = await Assert.ThrowsAsync<RpcException>(() => Client.ListDatasetsAsync(workspace, 2, "not-a-token"));
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Contains("page_token", invalid.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_changes_what_the_mask_names_and_keeps_the_rest()
    {
        var workspace = ModelTests.UniqueName("dsupdate");
        var name = ModelTests.UniqueName("customers");
        await Client.EnsureWorkspaceAsync(workspace);
        var created = await Client.CreateDatasetAsync(new CreateDatasetRequest
        {
            Workspace = workspace, Name = name, Description = "first", Tags = { ["owner"] = "growth" },
        });

        var described = await Client.UpdateDatasetAsync(new UpdateDatasetRequest
        {
            Dataset = new Dataset { Workspace = workspace, Name = name, Description = "second", Tags = { ["ignored"] = "x" } },
            UpdateMask = new FieldMask { Paths = { "description" } },
        });
        var retagged = await Client.UpdateDatasetAsync(new UpdateDatasetRequest
        {
            Dataset = new Dataset { Workspace = workspace, Name = name, Tags = { ["pii"] = "no" } },
            UpdateMask = new FieldMask { Paths = { "tags" } },
        });
        var withoutMask = await Client.UpdateDatasetAsync(new UpdateDatasetRequest
        {
            Dataset = new Dataset { Workspace = workspace, Name = name, Description = "third" },
        });

        Assert.Equal("second", described.Description);
        Assert.Equal(created.Tags, described.Tags);
        Assert.Equal("second", retagged.Description);
        Assert.Equal("no", Assert.Single(retagged.Tags).Value);
        Assert.Equal("third", withoutMask.Description);
        Assert.Equal(retagged.Tags, withoutMask.Tags);
        Assert.True(withoutMask.UpdateTime.ToDateTimeOffset() > created.UpdateTime.ToDateTimeOffset());
        Assert.Equal(created.CreateTime, withoutMask.CreateTime);
        Assert.Equal(withoutMask, await Client.GetDatasetAsync(name, workspace));
        var trail = await Client.ListAuditEntriesAsync(new ListAuditEntriesRequest { Workspace = workspace, Subject = $"workspaces/{workspace}/datasets/{name}" });
        Assert.Equal(["dataset.update", "dataset.update", "dataset.update", "dataset.create"], trail.Entries.Select(entry => entry.Action));
        Assert.Equal(["description", "tags", "description"], trail.Entries.Take(3).Reverse().Select(entry => entry.Details["fields"]));
    }

    [Fact]
    public async Task Update_refuses_unknown_paths_empty_changes_and_unknown_datasets()
    {
        var workspace = ModelTests.UniqueName("dsupdbad");
        var name = ModelTests.UniqueName("customers");
        await Client.CreateDatasetAsync(name, workspace);

        var badPath = await Assert.ThrowsAsync<RpcException>(() => Client.UpdateDatasetAsync(new UpdateDatasetRequest
        {
            Dataset = new Dataset { Workspace = workspace, Name = name },
            UpdateMask = new FieldMask { Paths = { "name" } },
        }));
        var nothing = await Assert.ThrowsAsync<RpcException>(() => Client.UpdateDatasetAsync(new UpdateDatasetRequest
        {
            Dataset = new Dataset { Workspace = workspace, Name = name },
        }));
        var missing = await Assert.ThrowsAsync<RpcException>(() => Client.UpdateDatasetAsync(new UpdateDatasetRequest
        {
            Dataset = new Dataset { Workspace = workspace, Name = "ghost", Description = "x" },
        }));

        Assert.Equal(StatusCode.InvalidArgument, badPath.StatusCode);
        Assert.Contains("update_mask path 'name'", badPath.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, nothing.StatusCode);
        Assert.Contains("changes nothing", nothing.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Dataset 'ghost' does not exist", missing.Status.Detail, StringComparison.Ordinal);

        // A refused update leaves no trace in the audit trail.
        var trail = await Client.ListAuditEntriesAsync(new ListAuditEntriesRequest { Workspace = workspace });
        Assert.DoesNotContain("dataset.update", trail.Entries.Select(entry => entry.Action));
    }

    [Fact]
    public async Task An_unknown_dataset_is_not_found_and_a_bad_name_is_invalid()
    {
        var missing = await Assert.ThrowsAsync<RpcException>(() => Client.GetDatasetAsync(ModelTests.UniqueName("ghost")));
        var invalid = await Assert.ThrowsAsync<RpcException>(() => Client.GetDatasetAsync("no/slashes"));

        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Contains("name 'no/slashes' is invalid", invalid.Status.Detail, StringComparison.Ordinal);
    }
}
