using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Mlops.Grpc;
using Mlops.Registry.Tests.Infrastructure;
using Mlops.Registry.V1;
using Npgsql;

namespace Mlops.Registry.Tests;

[Collection(RegistryCollection.Name)]
public sealed class AuditTests(RegistryFixture registry)
{
    private RegistryClient Client => registry.Client;

    [Fact]
    public async Task Creating_a_model_and_registering_a_version_are_audited_newest_first_with_actor_and_subject()
    {
        var workspace = ModelTests.UniqueName("audit");
        var model = ModelTests.UniqueName("churn");
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        await Client.CreateModelAsync(model, workspace);
        var artifact = "weights"u8.ToArray();
        await Client.UploadAsync(model, artifact, workspace: workspace);

        var trail = await Client.ListAuditEntriesAsync(new ListAuditEntriesRequest { Workspace = workspace });

        Assert.Equal(["model_version.register", "model.create", "workspace.create"], trail.Entries.Select(entry => entry.Action));
        Assert.All(trail.Entries, entry => Assert.Equal(RegistryClient.User, entry.Actor));
        Assert.All(trail.Entries, entry => Assert.InRange(entry.Time.ToDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(5)));
        Assert.Equal($"workspaces/{workspace}/models/{model}/versions/1", trail.Entries[0].Subject);
        Assert.Equal(RegistryClient.Sha256(artifact), trail.Entries[0].Details["artifact_sha256"]);
        Assert.Equal($"workspaces/{workspace}/models/{model}", trail.Entries[1].Subject);
        Assert.True(trail.Entries[0].Sequence > trail.Entries[1].Sequence);
    }

    [Fact]
    public async Task A_subject_query_returns_the_subject_and_what_is_under_it_but_not_a_sibling_sharing_its_prefix()
    {
        var workspace = ModelTests.UniqueName("audit");
        await Client.CreateModelAsync("m1", workspace);
        await Client.CreateModelAsync("m10", workspace);
        await Client.UploadAsync("m1", [1, 2, 3], workspace: workspace);

        var trail = await Client.ListAuditEntriesAsync(new ListAuditEntriesRequest { Workspace = workspace, Subject = $"workspaces/{workspace}/models/m1" });

        Assert.Equal(
            [$"workspaces/{workspace}/models/m1/versions/1", $"workspaces/{workspace}/models/m1"],
            trail.Entries.Select(entry => entry.Subject));
    }

    [Fact]
    public async Task The_trail_pages_by_sequence_and_filters_by_time_and_actor()
    {
        var workspace = ModelTests.UniqueName("audit");
        for (var i = 0; i < 5; i++)
        {
            await Client.CreateModelAsync($"m{i}", workspace);
        }

        var all = new List<Mlops.Registry.V1.AuditEntry>();
        var token = "";
        do
        {
            var page = await Client.ListAuditEntriesAsync(new ListAuditEntriesRequest { Workspace = workspace, PageSize = 2, PageToken = token });
            Assert.True(page.Entries.Count <= 2);
            all.AddRange(page.Entries);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(6, all.Count);
        Assert.Equal(all.Select(entry => entry.Sequence).OrderDescending(), all.Select(entry => entry.Sequence));
        var future = await Client.ListAuditEntriesAsync(new ListAuditEntriesRequest { Workspace = workspace, StartTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(1)) });
        Assert.Empty(future.Entries);
        var byNobody = await Client.ListAuditEntriesAsync(new ListAuditEntriesRequest { Workspace = workspace, Actor = "somebody-else" });
        Assert.Empty(byNobody.Entries);
    }

    [Fact]
    public async Task A_subject_outside_the_workspace_and_a_missing_workspace_are_refused()
    {
        var outside = await Assert.ThrowsAsync<RpcException>(() => Client.ListAuditEntriesAsync(new ListAuditEntriesRequest { Workspace = "default", Subject = "workspaces/other/models/m" }));
        var missing = await Assert.ThrowsAsync<RpcException>(() => Client.ListAuditEntriesAsync(new ListAuditEntriesRequest { Workspace = ModelTests.UniqueName("gone") }));

        Assert.Equal(StatusCode.InvalidArgument, outside.StatusCode);
        Assert.Contains("is not a resource of workspace 'default'", outside.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_audit_entries()
    {
        var workspace = ModelTests.UniqueName("audit");
        await Client.CreateModelAsync("m", workspace);
        await using var dbContext = registry.NewDbContext();

        var update = await Assert.ThrowsAsync<PostgresException>(() => dbContext.Database.ExecuteSqlAsync($"UPDATE audit_entries SET actor = 'mallory' WHERE workspace = {workspace}"));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => dbContext.Database.ExecuteSqlAsync($"DELETE FROM audit_entries WHERE workspace = {workspace}"));

        Assert.Contains("append-only", update.MessageText, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.MessageText, StringComparison.Ordinal);
        var trail = await Client.ListAuditEntriesAsync(new ListAuditEntriesRequest { Workspace = workspace });
        Assert.All(trail.Entries, entry => Assert.Equal(RegistryClient.User, entry.Actor));
    }
}
