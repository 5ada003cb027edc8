using Google.Protobuf.WellKnownTypes;
using Mlops.EventContracts;
using Mlops.Grpc;
using Mlops.Registry.Tests.Infrastructure;
using Mlops.Registry.V1;
using Mlops.Testing;

namespace Mlops.Registry.Tests.Approvals;

[Collection(RegistryCollection.Name)]
public sealed class ApprovalPolicyTests(RegistryFixture registry)
{
    private RegistryClient Client => registry.Client;

    [Fact]
    public async Task Anyone_identified_sets_the_first_policy_which_is_audited_published_and_versioned()
    {
        var workspace = ModelTests.UniqueName("policy");
        var model = ModelTests.UniqueName("m");
        await Client.CreateModelAsync(model, workspace);

        var set = await Client.As("lead").SetApprovalPolicyAsync(new ApprovalPolicy
        {
            Workspace = workspace,
            ModelName = model,
            RequiredApprovals = 2,
            Approvers = { "user:alice", "group:risk", "user:alice" },
            ProtectedAliases = { "production", "shadow" },
        });
        var read = await Client.GetApprovalPolicyAsync(model, workspace);

        Assert.Equal(set, read);
        Assert.Equal(2, read.RequiredApprovals);
        Assert.Equal(["user:alice", "group:risk"], read.Approvers);
        Assert.Equal(["production", "shadow"], read.ProtectedAliases);
        Assert.Equal("1", read.Etag);
        Assert.Equal("lead", read.UpdatedBy);
        Assert.NotNull(read.UpdateTime);
        var subject = EventSubjects.ApprovalPolicy(workspace, model);
        var changed = await Eventually.ResultAsync(() => registry.PolicyEvents.FirstOrDefault(e => e.Subject == subject), "ApprovalPolicyChanged");
        Assert.Equal((2, "lead"), (changed.RequiredApprovals, changed.ChangedBy));
        Assert.Equal(["user:alice", "group:risk"], changed.Approvers);
        var trail = await Client.ListAuditEntriesAsync(new ListAuditEntriesRequest { Workspace = workspace, Subject = subject });
        var entry = Assert.Single(trail.Entries);
        Assert.Equal(("approval_policy.set", "lead"), (entry.Action, entry.Actor));
        Assert.Equal("user:alice,group:risk", entry.Details["approvers"]);
        Assert.Equal("production", entry.Details["previous_protected_aliases"]);
    }

    [Fact]
    public async Task Once_approvers_are_listed_only_they_may_change_the_policy()
    {
        var model = await NewModelAsync();
        await Client.As("lead").SetApprovalPolicyAsync(new ApprovalPolicy { ModelName = model, Approvers = { "user:alice", "group:risk" } });

        var outsider = await Assert.ThrowsAsync<RpcException>(() => Client.As("lead").SetApprovalPolicyAsync(new ApprovalPolicy { ModelName = model, RequiredApprovals = 1 }));
        var byGroup = await Client.As("carol", "risk").SetApprovalPolicyAsync(new ApprovalPolicy { ModelName = model, RequiredApprovals = 3 });

        Assert.Equal(StatusCode.PermissionDenied, outsider.StatusCode);
        Assert.Contains("'lead' may not change the approval policy", outsider.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("user:alice, group:risk", outsider.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(3, byGroup.RequiredApprovals);
        Assert.Equal("carol", byGroup.UpdatedBy);
    }

    [Fact]
    public async Task An_unidentified_caller_may_not_set_a_policy()
    {
        var model = await NewModelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.As("").SetApprovalPolicyAsync(new ApprovalPolicy { ModelName = model, RequiredApprovals = 2 }));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("0", (await Client.GetApprovalPolicyAsync(model)).Etag);
    }

    [Fact]
    public async Task Without_a_mask_only_the_fields_set_change_and_a_mask_can_clear_a_list()
    {
        var model = await NewModelAsync();
        await Client.SetApprovalPolicyAsync(new ApprovalPolicy { ModelName = model, ProtectedAliases = { "production", "champion" } });

        var onlyCount = await Client.SetApprovalPolicyAsync(new ApprovalPolicy { ModelName = model, RequiredApprovals = 4 });
        var cleared = await Client.SetApprovalPolicyAsync(new SetApprovalPolicyRequest
        {
            Policy = new ApprovalPolicy { ModelName = model, RequiredApprovals = 9 },
            UpdateMask = new FieldMask { Paths = { "protected_aliases" } },
        });

        Assert.Equal(4, onlyCount.RequiredApprovals);
        Assert.Equal(["production", "champion"], onlyCount.ProtectedAliases);
        Assert.Empty(cleared.ProtectedAliases);
        Assert.Equal(4, cleared.RequiredApprovals);
        Assert.Equal("3", cleared.Etag);
    }

    [Fact]
    public async Task A_stale_etag_is_aborted_and_a_current_one_accepted()
    {
        var model = await NewModelAsync();
        var first = await Client.SetApprovalPolicyAsync(new ApprovalPolicy { ModelName = model, RequiredApprovals = 2 });
        await Client.SetApprovalPolicyAsync(new ApprovalPolicy { ModelName = model, RequiredApprovals = 3 });

        var stale = await Assert.ThrowsAsync<RpcException>(() => Client.SetApprovalPolicyAsync(new ApprovalPolicy { ModelName = model, RequiredApprovals = 5, Etag = first.Etag }));
        var current = await Client.SetApprovalPolicyAsync(new ApprovalPolicy { ModelName = model, RequiredApprovals = 5, Etag = "2" });

        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Contains("policy.etag '1' is stale", stale.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(5, current.RequiredApprovals);
    }

    [Fact]
    public async Task A_set_that_changes_nothing_writes_nothing()
    {
        var model = await NewModelAsync();
        await Client.SetApprovalPolicyAsync(new ApprovalPolicy { ModelName = model, RequiredApprovals = 2 });

        var same = await Client.As("someone-else").SetApprovalPolicyAsync(new ApprovalPolicy { ModelName = model, RequiredApprovals = 2 });

        Assert.Equal("1", same.Etag);
        Assert.Equal(RegistryClient.User, same.UpdatedBy);
        Assert.Equal(1, await registry.OutboxCountAsync<ApprovalPolicyChanged>(EventSubjects.ApprovalPolicy("default", model)));
    }

    [Theory]
    [InlineData(11, "", "", "policy.required_approvals is 11")]
    [InlineData(-1, "", "", "policy.required_approvals is -1")]
    [InlineData(0, "alice", "", "policy.approvers[0] 'alice' is invalid")]
    [InlineData(0, "user:", "", "policy.approvers[0] 'user:' is invalid")]
    [InlineData(0, "group:a,b", "", "policy.approvers[0] 'group:a,b' is invalid")]
    [InlineData(0, "", "Production", "policy.protected_aliases[0] 'Production' is invalid")]
    [InlineData(0, "", "latest", "policy.protected_aliases[0] 'latest' is reserved")]
    public async Task Invalid_policies_are_refused_naming_the_field(int requiredApprovals, string approver, string alias, string expected)
    {
        var model = await NewModelAsync();
        var policy = new ApprovalPolicy { ModelName = model, RequiredApprovals = requiredApprovals };
        if (approver.Length > 0)
        {
            policy.Approvers.Add(approver);
        }

        if (alias.Length > 0)
        {
            policy.ProtectedAliases.Add(alias);
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.SetApprovalPolicyAsync(policy));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(expected, error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("0", (await Client.GetApprovalPolicyAsync(model)).Etag);
    }

    [Fact]
    public async Task An_unknown_mask_path_a_missing_policy_and_a_missing_model_are_refused()
    {
        var model = await NewModelAsync();

        var unknownPath = await Assert.ThrowsAsync<RpcException>(() => Client.SetApprovalPolicyAsync(new SetApprovalPolicyRequest
        {
            Policy = new ApprovalPolicy { ModelName = model },
            UpdateMask = new FieldMask { Paths = { "etag" } },
        }));
        var noPolicy = await Assert.ThrowsAsync<RpcException>(() => Client.SetApprovalPolicyAsync(new SetApprovalPolicyRequest()));
        var noModel = await Assert.ThrowsAsync<RpcException>(() => Client.GetApprovalPolicyAsync(ModelTests.UniqueName("gone")));

        Assert.Equal(StatusCode.InvalidArgument, unknownPath.StatusCode);
        Assert.Contains("update_mask path 'etag' is unknown", unknownPath.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, noPolicy.StatusCode);
        Assert.Contains("policy is required", noPolicy.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, noModel.StatusCode);
    }

    private async Task<string> NewModelAsync()
    {
        var model = ModelTests.UniqueName("policy");
        await Client.CreateModelAsync(model);
        return model;
    }
}
