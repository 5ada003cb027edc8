using Mlops.Grpc;
using Mlops.Registry.Tests.Infrastructure;
using Mlops.Registry.V1;

namespace Mlops.Registry.Tests.Aliases;

[Collection(RegistryCollection.Name)]
public sealed class ProtectedAliasTests(RegistryFixture registry)
{
    private RegistryClient Client => registry.Client;

    [Fact]
    public async Task Production_is_protected_by_default_and_only_points_at_an_approved_version()
    {
        var model = await NewModelAsync(versions: 2);
        await Client.As("alice").ApproveAsync(model, 2);

        var pending = await Assert.ThrowsAsync<RpcException>(() => Client.As("alice").SetAliasAsync(model, "production", 1));
        var approved = await Client.As("alice").SetAliasAsync(model, "production", 2);

        Assert.Equal(StatusCode.FailedPrecondition, pending.StatusCode);
        Assert.Contains("'production' of model", pending.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("version 1 is PENDING_MANUAL_APPROVAL", pending.Status.Detail, StringComparison.Ordinal);
        Assert.True(approved.Protected);
        Assert.Equal(2, (await Client.ResolveAsync($"models:/{model}@production")).ModelVersion.Version);
        Assert.Single((await Client.ListAliasHistoryAsync(new ListAliasHistoryRequest { ModelName = model })).Changes);
    }

    [Fact]
    public async Task A_protected_alias_cannot_move_to_a_rejected_version()
    {
        var model = await NewModelAsync(versions: 2);
        await Client.As("alice").ApproveAsync(model, 1);
        await Client.As("alice").RejectAsync(model, 2);
        await Client.As("alice").SetAliasAsync(model, "production", 1);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.As("alice").SetAliasAsync(model, "production", 2));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("version 2 is REJECTED", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1, (await Client.GetAliasAsync(model, "production")).Version);
    }

    [Fact]
    public async Task Only_approvers_set_move_or_delete_a_protected_alias_while_anyone_sets_the_others()
    {
        var model = await NewModelAsync(versions: 2);
        await Client.As("lead").SetApprovalPolicyAsync(new ApprovalPolicy { ModelName = model, Approvers = { "group:release" } });
        var releaser = Client.As("rita", "release");
        var outsider = Client.As("olaf", "growth");
        await releaser.ApproveAsync(model, 1);
        await releaser.ApproveAsync(model, 2);

        var set = await Assert.ThrowsAsync<RpcException>(() => outsider.SetAliasAsync(model, "production", 1));
        await releaser.SetAliasAsync(model, "production", 1);
        var move = await Assert.ThrowsAsync<RpcException>(() => outsider.SetAliasAsync(model, "production", 2));
        var delete = await Assert.ThrowsAsync<RpcException>(() => outsider.DeleteAliasAsync(model, "production"));
        var unprotected = await outsider.SetAliasAsync(model, "staging", 2);

        Assert.All([set, move, delete], error => Assert.Equal(StatusCode.PermissionDenied, error.StatusCode));
        Assert.Contains("only the model's approvers (group:release) may set or move it, and 'olaf' is not one", set.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("may delete it", delete.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1, (await Client.GetAliasAsync(model, "production")).Version);
        Assert.False(unprotected.Protected);
        await releaser.DeleteAliasAsync(model, "production");
        Assert.Equal(["staging"], (await Client.ListAliasesAsync(model)).Aliases.Select(a => a.Alias));
    }

    [Fact]
    public async Task The_policy_decides_which_aliases_are_protected()
    {
        var model = await NewModelAsync(versions: 1);
        await Client.SetApprovalPolicyAsync(new ApprovalPolicy { ModelName = model, ProtectedAliases = { "shadow" } });

        var shadow = await Assert.ThrowsAsync<RpcException>(() => Client.SetAliasAsync(model, "shadow", 1));
        var production = await Client.SetAliasAsync(model, "production", 1);

        Assert.Equal(StatusCode.FailedPrecondition, shadow.StatusCode);
        Assert.False(production.Protected);
    }

    [Fact]
    public async Task An_unidentified_caller_sets_ordinary_aliases_but_not_protected_ones()
    {
        var model = await NewModelAsync(versions: 1);
        await Client.As("alice").ApproveAsync(model, 1);
        var anonymous = Client.As("");

        var error = await Assert.ThrowsAsync<RpcException>(() => anonymous.SetAliasAsync(model, "production", 1));
        var ordinary = await anonymous.SetAliasAsync(model, "canary", 1);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("anonymous", ordinary.UpdatedBy);
    }

    private async Task<string> NewModelAsync(int versions)
    {
        var model = ModelTests.UniqueName("prot");
        await Client.CreateModelAsync(model);
        for (var i = 0; i < versions; i++)
        {
            await Client.UploadAsync(model, RegistryClient.RandomArtifact(32));
        }

        return model;
    }
}
