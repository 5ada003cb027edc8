using Mlops.EventContracts;
using Mlops.Grpc;
using Mlops.Registry.Tests.Infrastructure;
using Mlops.Registry.V1;
using Mlops.Testing;

namespace Mlops.Registry.Tests.Aliases;

[Collection(RegistryCollection.Name)]
public sealed class AliasTests(RegistryFixture registry)
{
    private RegistryClient Client => registry.Client;

    [Fact]
    public async Task An_alias_resolves_to_its_version_and_shows_on_it()
    {
        var model = await NewModelAsync(versions: 3);

        var set = await Client.As("alice").SetAliasAsync(model, "champion", 2);
        var byAlias = await Client.ResolveAsync($"models:/{model}@champion");
        var byNumber = await Client.ResolveAsync($"models:/{model}/3");
        var version = await Client.GetModelVersionAsync(model, 2);
        var fetched = await Client.GetAliasAsync(model, "champion");
        var listed = await Client.ListAliasesAsync(model);

        Assert.Equal(("champion", 2, false, "alice"), (set.Alias, set.Version, set.Protected, set.UpdatedBy));
        Assert.Equal(version.ArtifactSha256, set.ArtifactSha256);
        Assert.Equal(set, fetched);
        Assert.Equal([set], listed.Aliases);
        Assert.Equal(version, byAlias.ModelVersion);
        Assert.Equal("champion", byAlias.Alias);
        Assert.Equal(["champion"], version.Aliases);
        Assert.Equal(3, byNumber.ModelVersion.Version);
        Assert.Equal("", byNumber.Alias);
        Assert.Empty(byNumber.ModelVersion.Aliases);
    }

    [Fact]
    public async Task Moving_and_deleting_an_alias_is_recorded_published_and_audited()
    {
        var workspace = ModelTests.UniqueName("alias");
        var model = await NewModelAsync(versions: 2, workspace);
        var v2 = await Client.GetModelVersionAsync(model, 2, workspace);

        await Client.As("alice").SetAliasAsync(model, "champion", 1, workspace);
        await Client.As("bob").SetAliasAsync(model, "champion", 2, workspace);
        await Client.As("carol").DeleteAliasAsync(model, "champion", workspace);

        var history = await Client.ListAliasHistoryAsync(new ListAliasHistoryRequest { Workspace = workspace, ModelName = model });
        Assert.Equal([(2, 0, "carol"), (1, 2, "bob"), (0, 1, "alice")], history.Changes.Select(c => (c.PreviousVersion, c.NewVersion, c.ChangedBy)));
        Assert.All(history.Changes, c => Assert.Equal("champion", c.Alias));
        var gone = await Assert.ThrowsAsync<RpcException>(() => Client.GetAliasAsync(model, "champion", workspace));
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
        Assert.Empty((await Client.GetModelVersionAsync(model, 2, workspace)).Aliases);
        var subject = EventSubjects.ModelAlias(workspace, model, "champion");
        await Eventually.UntilAsync(() => Task.FromResult(registry.AliasEvents.Count(e => e.Subject == subject) == 3), "three ModelAliasChanged");
        var moved = registry.AliasEvents.Single(e => e.Subject == subject && e.ChangedBy == "bob");
        Assert.Equal((1, 2, "sha256:" + v2.ArtifactSha256), (moved.PreviousVersion, moved.NewVersion, moved.ArtifactDigest));
        var deleted = registry.AliasEvents.Single(e => e.Subject == subject && e.ChangedBy == "carol");
        Assert.Equal((2, 0, ""), (deleted.PreviousVersion, deleted.NewVersion, deleted.ArtifactDigest));
        var trail = await Client.ListAuditEntriesAsync(new ListAuditEntriesRequest { Workspace = workspace, Subject = subject });
        Assert.Equal(["alias.delete", "alias.set", "alias.set"], trail.Entries.Select(e => e.Action));
        Assert.Equal(("1", "2"), (trail.Entries[1].Details["previous_version"], trail.Entries[1].Details["new_version"]));
    }

    [Fact]
    public async Task Setting_an_alias_to_the_version_it_points_at_changes_nothing()
    {
        var model = await NewModelAsync(versions: 1);
        var first = await Client.As("alice").SetAliasAsync(model, "champion", 1);

        var again = await Client.As("bob").SetAliasAsync(model, "champion", 1);

        Assert.Equal(first, again);
        Assert.Single((await Client.ListAliasHistoryAsync(new ListAliasHistoryRequest { ModelName = model })).Changes);
        Assert.Equal(1, await registry.OutboxCountAsync<ModelAliasChanged>(EventSubjects.ModelAlias("default", model, "champion")));
    }

    [Theory]
    [InlineData("Champion", "is invalid")]
    [InlineData("42", "is invalid")]
    [InlineData("a.b", "is invalid")]
    [InlineData("", "is invalid")]
    [InlineData("latest", "is reserved")]
    public async Task Invalid_or_reserved_alias_names_are_refused(string alias, string expected)
    {
        var model = await NewModelAsync(versions: 1);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.SetAliasAsync(model, alias, 1));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains($"alias '{alias}' {expected}", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_alias_name_may_have_64_characters_digits_dashes_and_underscores_but_not_65()
    {
        var model = await NewModelAsync(versions: 1);
        var longest = "v2-" + new string('x', 58) + "_7a";

        var set = await Client.SetAliasAsync(model, longest, 1);
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.SetAliasAsync(model, longest + "b", 1));

        Assert.Equal(64, set.Alias.Length);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task Latest_resolves_to_the_highest_version_and_cannot_be_deleted()
    {
        var model = await NewModelAsync(versions: 3);

        var latest = await Client.GetAliasAsync(model, "latest");
        var resolved = await Client.ResolveAsync($"models:/{model}@latest");
        var delete = await Assert.ThrowsAsync<RpcException>(() => Client.DeleteAliasAsync(model, "latest"));

        Assert.Equal((3, "", false), (latest.Version, latest.UpdatedBy, latest.Protected));
        Assert.Equal(3, resolved.ModelVersion.Version);
        Assert.Equal(StatusCode.InvalidArgument, delete.StatusCode);
        Assert.Empty((await Client.ListAliasesAsync(model)).Aliases);
    }

    [Fact]
    public async Task Latest_of_a_model_without_versions_is_not_found()
    {
        var model = await NewModelAsync(versions: 0);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.ResolveAsync($"models:/{model}@latest"));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("has no version yet", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("runs:/abc/model", StatusCode.InvalidArgument, "must be 'models:/<name>@<alias>'")]
    [InlineData("models:/{0}", StatusCode.InvalidArgument, "names no version")]
    [InlineData("models:/{0}/0", StatusCode.InvalidArgument, "a version number, 1 or more")]
    [InlineData("models:/{0}/x", StatusCode.InvalidArgument, "a version number, 1 or more")]
    [InlineData("models:/{0}@Bad", StatusCode.InvalidArgument, "uri alias 'Bad' is invalid")]
    [InlineData("models:/{0}@nobody", StatusCode.NotFound, "has no alias 'nobody'")]
    [InlineData("models:/{0}/9", StatusCode.NotFound, "has no version 9")]
    [InlineData("models:/no-such-model-anywhere/1", StatusCode.NotFound, "does not exist")]
    public async Task Bad_or_unknown_uris_are_refused(string uriFormat, StatusCode code, string expected)
    {
        var model = await NewModelAsync(versions: 1);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.ResolveAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, uriFormat, model)));

        Assert.Equal(code, error.StatusCode);
        Assert.Contains(expected, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_uri_resolves_in_the_workspace_the_request_names()
    {
        var workspace = ModelTests.UniqueName("alias");
        var model = await NewModelAsync(versions: 1);
        await Client.CreateModelAsync(model, workspace);
        await Client.UploadAsync(model, [9, 9, 9], workspace: workspace);
        await Client.SetAliasAsync(model, "champion", 1);
        await Client.SetAliasAsync(model, "champion", 1, workspace);

        var inDefault = await Client.ResolveAsync($"models:/{model}@champion");
        var inOther = await Client.ResolveAsync($"models:/{model}@champion", workspace);

        Assert.Equal("default", inDefault.ModelVersion.Workspace);
        Assert.Equal(workspace, inOther.ModelVersion.Workspace);
        Assert.Equal(RegistryClient.Sha256([9, 9, 9]), inOther.ModelVersion.ArtifactSha256);
    }

    [Fact]
    public async Task Setting_an_alias_to_a_missing_version_or_deleting_a_missing_alias_is_not_found()
    {
        var model = await NewModelAsync(versions: 1);

        var noVersion = await Assert.ThrowsAsync<RpcException>(() => Client.SetAliasAsync(model, "champion", 5));
        var noAlias = await Assert.ThrowsAsync<RpcException>(() => Client.DeleteAliasAsync(model, "champion"));
        var noModel = await Assert.ThrowsAsync<RpcException>(() => Client.SetAliasAsync(ModelTests.UniqueName("gone"), "champion", 1));

        Assert.Equal(StatusCode.NotFound, noVersion.StatusCode);
        Assert.Contains("has no version 5", noVersion.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, noAlias.StatusCode);
        Assert.Equal(StatusCode.NotFound, noModel.StatusCode);
        Assert.Empty((await Client.ListAliasHistoryAsync(new ListAliasHistoryRequest { ModelName = model })).Changes);
    }

    [Fact]
    public async Task History_pages_newest_first_and_filters_by_alias()
    {
        var model = await NewModelAsync(versions: 3);
        for (var version = 1; version <= 3; version++)
        {
            await Client.SetAliasAsync(model, "champion", version);
            await Client.SetAliasAsync(model, "challenger", version);
        }

        var pages = new List<AliasChange>();
        var token = "";
        do
        {
            var page = await Client.ListAliasHistoryAsync(new ListAliasHistoryRequest { ModelName = model, Alias = "champion", PageSize = 2, PageToken = token });
            Assert.True(page.Changes.Count <= 2);
            pages.AddRange(page.Changes);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal([(2, 3), (1, 2), (0, 1)], pages.Select(c => (c.PreviousVersion, c.NewVersion)));
        Assert.All(pages, c => Assert.Equal("champion", c.Alias));
        Assert.Equal(6, (await Client.ListAliasHistoryAsync(new ListAliasHistoryRequest { ModelName = model })).Changes.Count);
    }

    [Fact]
    public async Task Racing_moves_of_one_alias_leave_a_history_in_which_each_move_starts_where_the_last_ended()
    {
        var model = await NewModelAsync(versions: 4);
        for (var round = 0; round < 3; round++)
        {
            var before = (await Client.ListAliasHistoryAsync(new ListAliasHistoryRequest { ModelName = model, PageSize = 1000 })).Changes.Count;

            // Sixteen concurrent moves among four versions, by different users.
            await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Client.As($"mover-{i}").SetAliasAsync(model, "champion", (i % 4) + 1)));

            var history = (await Client.ListAliasHistoryAsync(new ListAliasHistoryRequest { ModelName = model, PageSize = 1000 })).Changes.Reverse().ToList();
            Assert.True(history.Count > before, "the round moved the alias at least once");
            Assert.Equal(0, history[0].PreviousVersion);
            for (var i = 1; i < history.Count; i++)
            {
                Assert.Equal(history[i - 1].NewVersion, history[i].PreviousVersion);
                Assert.NotEqual(history[i].PreviousVersion, history[i].NewVersion);
            }

            Assert.Equal(history[^1].NewVersion, (await Client.GetAliasAsync(model, "champion")).Version);
            Assert.Equal(history.Count, await registry.OutboxCountAsync<ModelAliasChanged>(EventSubjects.ModelAlias("default", model, "champion")));
        }
    }

    /// <summary>A model of its own with <paramref name="versions"/> versions registered by the default client.</summary>
    private async Task<string> NewModelAsync(int versions, string workspace = "")
    {
        var model = ModelTests.UniqueName("alias");
        await Client.CreateModelAsync(model, workspace);
        for (var i = 0; i < versions; i++)
        {
            await Client.UploadAsync(model, RegistryClient.RandomArtifact(32), workspace: workspace);
        }

        return model;
    }
}
