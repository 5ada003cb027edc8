using Mlops.EventContracts;
using Mlops.Grpc;
using Mlops.Registry.Tests.Infrastructure;
using Mlops.Registry.V1;
using Mlops.Testing;

namespace Mlops.Registry.Tests.Approvals;

[Collection(RegistryCollection.Name)]
public sealed class ApprovalTests(RegistryFixture registry)
{
    /// <summary>Registers every version in these tests: the creator, who may never decide on them.</summary>
    private RegistryClient Creator => registry.Client;

    [Fact]
    public async Task A_new_version_is_pending_manual_approval_under_the_default_policy()
    {
        var model = ModelTests.UniqueName("appr");
        await Creator.CreateModelAsync(model);

        var created = await Creator.UploadAsync(model, [4, 5, 6]);
        var fetched = await Creator.GetModelVersionAsync(model, 1);
        var policy = await Creator.GetApprovalPolicyAsync(model);

        Assert.Equal(ApprovalStatus.PendingManualApproval, created.ApprovalStatus);
        Assert.Equal(ApprovalStatus.PendingManualApproval, fetched.ApprovalStatus);
        Assert.Empty(fetched.Aliases);
        Assert.Equal(1, policy.RequiredApprovals);
        Assert.Empty(policy.Approvers);
        Assert.Equal(["production"], policy.ProtectedAliases);
        Assert.Equal("0", policy.Etag);
        Assert.Equal("", policy.UpdatedBy);
        Assert.Null(policy.UpdateTime);
    }

    [Fact]
    public async Task The_creator_of_a_version_may_neither_approve_nor_reject_it()
    {
        var (model, version) = await NewVersionAsync();

        var approve = await Assert.ThrowsAsync<RpcException>(() => Creator.ApproveAsync(model, version));
        var reject = await Assert.ThrowsAsync<RpcException>(() => Creator.RejectAsync(model, version));

        Assert.Equal(StatusCode.PermissionDenied, approve.StatusCode);
        Assert.Contains($"'{RegistryClient.User}' registered version 1 of model '{model}' and so may not approve it", approve.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("separation of duties", approve.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.PermissionDenied, reject.StatusCode);
        Assert.Equal(ApprovalStatus.PendingManualApproval, (await Creator.GetModelVersionAsync(model, version)).ApprovalStatus);
        Assert.Empty((await Creator.ListApprovalDecisionsAsync(new ListApprovalDecisionsRequest { ModelName = model, Version = version })).Decisions);
    }

    [Fact]
    public async Task One_approval_by_someone_else_approves_under_the_default_policy_with_an_event_and_an_audit_entry()
    {
        var workspace = ModelTests.UniqueName("appr");
        var (model, version) = await NewVersionAsync(workspace);
        var digest = "sha256:" + (await Creator.GetModelVersionAsync(model, version, workspace)).ArtifactSha256;

        var outcome = await Creator.As("alice").ApproveAsync(model, version, "Offline metrics reviewed.", workspace);

        Assert.Equal(ApprovalStatus.Approved, outcome.ApprovalStatus);
        Assert.Equal(1, outcome.ApprovalCount);
        Assert.Equal(1, outcome.RequiredApprovals);
        Assert.Equal("alice", outcome.Decision.Approver);
        Assert.Equal(ApprovalDecisionKind.Approve, outcome.Decision.Decision);
        Assert.Equal(ApprovalStatus.Approved, (await Creator.GetModelVersionAsync(model, version, workspace)).ApprovalStatus);
        var subject = EventSubjects.ModelVersion(workspace, model, version);
        var approved = await Eventually.ResultAsync(() => registry.ApprovedEvents.FirstOrDefault(e => e.Subject == subject), "ModelVersionApproved");
        Assert.Equal(digest, approved.ArtifactDigest);
        Assert.Equal((workspace, model, version, 1), (approved.Workspace, approved.ModelName, approved.VersionNumber, approved.RequiredApprovals));
        Assert.Equal(RegistryClient.User, approved.VersionCreatedBy);
        var given = Assert.Single(approved.Approvals);
        Assert.Equal(("alice", "Offline metrics reviewed."), (given.Approver, given.Comment));
        var trail = await Creator.ListAuditEntriesAsync(new ListAuditEntriesRequest { Workspace = workspace, Subject = subject });
        var entry = trail.Entries[0];
        Assert.Equal(("model_version.approve", "alice"), (entry.Action, entry.Actor));
        Assert.Equal("Offline metrics reviewed.", entry.Details["comment"]);
        Assert.Equal("APPROVED", entry.Details["approval_status"]);
    }

    [Fact]
    public async Task A_version_needing_two_approvals_stays_pending_after_one_and_each_approver_counts_once()
    {
        var (model, version) = await NewVersionAsync();
        await Creator.As("lead").SetApprovalPolicyAsync(new ApprovalPolicy { ModelName = model, RequiredApprovals = 2 });
        var alice = Creator.As("alice");

        var first = await alice.ApproveAsync(model, version);
        var again = await Assert.ThrowsAsync<RpcException>(() => alice.ApproveAsync(model, version, "once more"));
        var pending = await Creator.GetModelVersionAsync(model, version);
        var second = await Creator.As("bob").ApproveAsync(model, version);
        var late = await Assert.ThrowsAsync<RpcException>(() => Creator.As("carol").ApproveAsync(model, version));
        var lateReject = await Assert.ThrowsAsync<RpcException>(() => Creator.As("carol").RejectAsync(model, version));

        Assert.Equal((ApprovalStatus.PendingManualApproval, 1, 2), (first.ApprovalStatus, first.ApprovalCount, first.RequiredApprovals));
        Assert.Equal(StatusCode.AlreadyExists, again.StatusCode);
        Assert.Contains("'alice' already decided on version 1", again.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(ApprovalStatus.PendingManualApproval, pending.ApprovalStatus);
        Assert.Equal((ApprovalStatus.Approved, 2), (second.ApprovalStatus, second.ApprovalCount));
        Assert.Equal(StatusCode.FailedPrecondition, late.StatusCode);
        Assert.Contains("is already APPROVED", late.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.FailedPrecondition, lateReject.StatusCode);
        var approved = await Eventually.ResultAsync(
            () => registry.ApprovedEvents.FirstOrDefault(e => e.Subject == EventSubjects.ModelVersion("default", model, version)), "ModelVersionApproved");
        Assert.Equal(["alice", "bob"], approved.Approvals.Select(a => a.Approver));
    }

    [Fact]
    public async Task Once_a_policy_lists_approvers_only_they_decide_by_user_or_by_group()
    {
        var (model, version) = await NewVersionAsync();
        await Creator.As("lead").SetApprovalPolicyAsync(new ApprovalPolicy { ModelName = model, RequiredApprovals = 2, Approvers = { "user:alice", "group:risk" } });

        var outsider = await Assert.ThrowsAsync<RpcException>(() => Creator.As("mallory", "growth").ApproveAsync(model, version));
        var byGroup = await Creator.As("carol", "growth", "risk").ApproveAsync(model, version);
        var byUser = await Creator.As("alice").ApproveAsync(model, version);

        Assert.Equal(StatusCode.PermissionDenied, outsider.StatusCode);
        Assert.Contains("'mallory' may not approve version 1", outsider.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("user:alice, group:risk", outsider.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(ApprovalStatus.PendingManualApproval, byGroup.ApprovalStatus);
        Assert.Equal(ApprovalStatus.Approved, byUser.ApprovalStatus);
    }

    [Fact]
    public async Task The_creator_stays_excluded_even_when_the_policy_names_them()
    {
        var (model, version) = await NewVersionAsync();
        await Creator.As("lead").SetApprovalPolicyAsync(new ApprovalPolicy { ModelName = model, Approvers = { $"user:{RegistryClient.User}", "group:ml" } });

        var error = await Assert.ThrowsAsync<RpcException>(() => Creator.As(RegistryClient.User, "ml").ApproveAsync(model, version));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("separation of duties", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_rejection_rejects_for_good_and_is_published()
    {
        var (model, version) = await NewVersionAsync();
        await Creator.As("lead").SetApprovalPolicyAsync(new ApprovalPolicy { ModelName = model, RequiredApprovals = 3 });
        await Creator.As("alice").ApproveAsync(model, version);

        var rejected = await Creator.As("bob").RejectAsync(model, version, "Fails the fairness check.");
        var afterwards = await Assert.ThrowsAsync<RpcException>(() => Creator.As("carol").ApproveAsync(model, version));

        Assert.Equal(ApprovalStatus.Rejected, rejected.ApprovalStatus);
        Assert.Equal(ApprovalDecisionKind.Reject, rejected.Decision.Decision);
        Assert.Equal(StatusCode.FailedPrecondition, afterwards.StatusCode);
        Assert.Contains("is already REJECTED", afterwards.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(ApprovalStatus.Rejected, (await Creator.GetModelVersionAsync(model, version)).ApprovalStatus);
        var subject = EventSubjects.ModelVersion("default", model, version);
        var published = await Eventually.ResultAsync(() => registry.RejectedEvents.FirstOrDefault(e => e.Subject == subject), "ModelVersionRejected");
        Assert.Equal(("bob", "Fails the fairness check.", version), (published.RejectedBy, published.Comment, published.VersionNumber));
        Assert.Equal(0, await registry.OutboxCountAsync<ModelVersionApproved>(subject));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_decision_without_a_comment_is_invalid(string comment)
    {
        var (model, version) = await NewVersionAsync();

        var approve = await Assert.ThrowsAsync<RpcException>(() => Creator.As("alice").ApproveAsync(model, version, comment));
        var reject = await Assert.ThrowsAsync<RpcException>(() => Creator.As("alice").RejectAsync(model, version, comment));

        Assert.Equal(StatusCode.InvalidArgument, approve.StatusCode);
        Assert.Contains("comment is required", approve.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, reject.StatusCode);
    }

    [Fact]
    public async Task A_comment_may_have_4000_characters_but_not_4001()
    {
        var (model, version) = await NewVersionAsync();
        await Creator.As("lead").SetApprovalPolicyAsync(new ApprovalPolicy { ModelName = model, RequiredApprovals = 2 });

        var tooLong = await Assert.ThrowsAsync<RpcException>(() => Creator.As("alice").ApproveAsync(model, version, new string('x', 4001)));
        var longest = await Creator.As("alice").ApproveAsync(model, version, new string('x', 4000));

        Assert.Equal(StatusCode.InvalidArgument, tooLong.StatusCode);
        Assert.Contains("comment is too long", tooLong.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(4000, longest.Decision.Comment.Length);
    }

    [Fact]
    public async Task An_unidentified_caller_may_not_decide()
    {
        var (model, version) = await NewVersionAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => Creator.As("").ApproveAsync(model, version));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("unidentified caller", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deciding_on_a_missing_model_or_version_is_not_found_and_a_bad_version_number_invalid()
    {
        var (model, _) = await NewVersionAsync();

        var noModel = await Assert.ThrowsAsync<RpcException>(() => Creator.As("alice").ApproveAsync(ModelTests.UniqueName("gone"), 1));
        var noVersion = await Assert.ThrowsAsync<RpcException>(() => Creator.As("alice").ApproveAsync(model, 7));
        var badNumber = await Assert.ThrowsAsync<RpcException>(() => Creator.As("alice").RejectAsync(model, 0));

        Assert.Equal(StatusCode.NotFound, noModel.StatusCode);
        Assert.Equal(StatusCode.NotFound, noVersion.StatusCode);
        Assert.Contains("has no version 7", noVersion.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, badNumber.StatusCode);
    }

    [Fact]
    public async Task Decisions_are_listed_oldest_first_with_approver_comment_and_time_in_pages()
    {
        var (model, version) = await NewVersionAsync();
        await Creator.As("lead").SetApprovalPolicyAsync(new ApprovalPolicy { ModelName = model, RequiredApprovals = 3 });
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        await Creator.As("alice").ApproveAsync(model, version, "first");
        await Creator.As("bob").ApproveAsync(model, version, "second");
        await Creator.As("carol").RejectAsync(model, version, "third");

        var first = await Creator.ListApprovalDecisionsAsync(new ListApprovalDecisionsRequest { ModelName = model, Version = version, PageSize = 2 });
        var rest = await Creator.ListApprovalDecisionsAsync(new ListApprovalDecisionsRequest { ModelName = model, Version = version, PageSize = 2, PageToken = first.NextPageToken });

        var all = first.Decisions.Concat(rest.Decisions).ToList();
        Assert.Equal(2, first.Decisions.Count);
        Assert.Equal("", rest.NextPageToken);
        Assert.Equal(["alice", "bob", "carol"], all.Select(d => d.Approver));
        Assert.Equal(["first", "second", "third"], all.Select(d => d.Comment));
        Assert.Equal([ApprovalDecisionKind.Approve, ApprovalDecisionKind.Approve, ApprovalDecisionKind.Reject], all.Select(d => d.Decision));
        Assert.All(all, d => Assert.InRange(d.DecideTime.ToDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(5)));
        Assert.Equal(all.Select(d => d.DecideTime).Order(), all.Select(d => d.DecideTime));
    }

    [Fact]
    public async Task Racing_approvals_approve_a_version_exactly_once_with_one_event()
    {
        const int approvers = 12;
        const int required = 3;
        var (model, _) = await NewVersionAsync();
        await Creator.As("lead").SetApprovalPolicyAsync(new ApprovalPolicy { ModelName = model, RequiredApprovals = required });

        // Several rounds, each on a fresh version: a lost race shows up only now and then.
        for (var version = 1; version <= 5; version++)
        {
            if (version > 1)
            {
                await Creator.UploadAsync(model, RegistryClient.RandomArtifact(16));
            }

            var number = version;
            var attempts = await Task.WhenAll(Enumerable.Range(0, approvers).Select(async i =>
            {
                try
                {
                    return (Outcome: await Creator.As($"approver-{i}").ApproveAsync(model, number, $"approval {i}"), Code: StatusCode.OK);
                }
                catch (RpcException e)
                {
                    return (Outcome: (ApprovalOutcome?)null, Code: e.StatusCode);
                }
            }));

            var accepted = attempts.Where(a => a.Code == StatusCode.OK).Select(a => a.Outcome!).ToList();
            Assert.Equal(required, accepted.Count);
            Assert.All(attempts.Where(a => a.Code != StatusCode.OK), a => Assert.Equal(StatusCode.FailedPrecondition, a.Code));
            Assert.Equal([1, 2, 3], accepted.Select(o => o.ApprovalCount).Order());
            Assert.Single(accepted, o => o.ApprovalStatus == ApprovalStatus.Approved);
            var decisions = await Creator.ListApprovalDecisionsAsync(new ListApprovalDecisionsRequest { ModelName = model, Version = number });
            Assert.Equal(accepted.Select(o => o.Decision.Approver).Order(), decisions.Decisions.Select(d => d.Approver).Order());
            var subject = EventSubjects.ModelVersion("default", model, number);
            Assert.Equal(1, await registry.OutboxCountAsync<ModelVersionApproved>(subject));
            var published = await Eventually.ResultAsync(() => registry.ApprovedEvents.FirstOrDefault(e => e.Subject == subject), "ModelVersionApproved");
            Assert.Equal(decisions.Decisions.Select(d => d.Approver), published.Approvals.Select(a => a.Approver));
        }
    }

    [Fact]
    public async Task Racing_approvals_and_rejections_leave_one_rejection_and_no_approval()
    {
        var (model, _) = await NewVersionAsync();

        // More approvals needed than there are approvers: the version can only end rejected, by exactly one rejection.
        await Creator.As("lead").SetApprovalPolicyAsync(new ApprovalPolicy { ModelName = model, RequiredApprovals = 10 });
        for (var version = 1; version <= 3; version++)
        {
            if (version > 1)
            {
                await Creator.UploadAsync(model, RegistryClient.RandomArtifact(16));
            }

            var number = version;
            var attempts = await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
            {
                var approver = Creator.As($"approver-{i}");
                try
                {
                    var outcome = i % 2 == 0 ? await approver.ApproveAsync(model, number) : await approver.RejectAsync(model, number);
                    return (Outcome: outcome, Code: StatusCode.OK);
                }
                catch (RpcException e)
                {
                    return (Outcome: (ApprovalOutcome?)null, Code: e.StatusCode);
                }
            }));

            var rejections = attempts.Where(a => a.Outcome?.Decision.Decision == ApprovalDecisionKind.Reject).ToList();
            Assert.Single(rejections);
            Assert.All(attempts.Where(a => a.Code != StatusCode.OK), a => Assert.Equal(StatusCode.FailedPrecondition, a.Code));
            Assert.Equal(ApprovalStatus.Rejected, (await Creator.GetModelVersionAsync(model, number)).ApprovalStatus);
            var subject = EventSubjects.ModelVersion("default", model, number);
            Assert.Equal(1, await registry.OutboxCountAsync<ModelVersionRejected>(subject));
            Assert.Equal(0, await registry.OutboxCountAsync<ModelVersionApproved>(subject));
        }
    }

    /// <summary>A model of its own with one version registered by <see cref="Creator"/>.</summary>
    private async Task<(string Model, int Version)> NewVersionAsync(string workspace = "")
    {
        var model = ModelTests.UniqueName("appr");
        await Creator.CreateModelAsync(model, workspace);
        var version = await Creator.UploadAsync(model, RegistryClient.RandomArtifact(64), workspace: workspace);
        return (model, version.Version);
    }
}
