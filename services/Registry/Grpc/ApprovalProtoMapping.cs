using Google.Protobuf.WellKnownTypes;
using Mlops.Registry.Application.Approvals;
using Mlops.Registry.V1;
using AppApprovalDecisionKind = Mlops.Registry.Application.Approvals.ApprovalDecisionKind;
using AppApprovalOutcome = Mlops.Registry.Application.Approvals.ApprovalOutcome;
using AppApprovalStatus = Mlops.Registry.Application.Approvals.ApprovalStatus;
using ApprovalDecisionKindProto = Mlops.Registry.V1.ApprovalDecisionKind;
using ApprovalOutcomeProto = Mlops.Registry.V1.ApprovalOutcome;
using ApprovalStatusProto = Mlops.Registry.V1.ApprovalStatus;

namespace Mlops.Registry.Grpc;

/// <summary>Between the approvals contract and the application's records.</summary>
internal static class ApprovalProtoMapping
{
    public static ApprovalStatusProto ToProto(this AppApprovalStatus status) => status switch
    {
        AppApprovalStatus.PendingManualApproval => ApprovalStatusProto.PendingManualApproval,
        AppApprovalStatus.Approved => ApprovalStatusProto.Approved,
        AppApprovalStatus.Rejected => ApprovalStatusProto.Rejected,
        _ => ApprovalStatusProto.Unspecified,
    };

    public static ApprovalPolicy ToProto(this ApprovalPolicyInfo policy)
    {
        var proto = new ApprovalPolicy
        {
            Workspace = policy.Workspace,
            ModelName = policy.ModelName,
            RequiredApprovals = policy.RequiredApprovals,
            Etag = policy.Etag,
            UpdatedBy = policy.UpdatedBy,
            UpdateTime = policy.UpdateTime is { } time ? Timestamp.FromDateTimeOffset(time) : null,
        };
        proto.Approvers.AddRange(policy.Approvers);
        proto.ProtectedAliases.AddRange(policy.ProtectedAliases);
        return proto;
    }

    public static ApprovalDecision ToProto(this ApprovalDecisionInfo decision) => new()
    {
        Workspace = decision.Workspace,
        ModelName = decision.ModelName,
        Version = decision.Version,
        Approver = decision.Approver,
        Decision = decision.Decision == AppApprovalDecisionKind.Approve ? ApprovalDecisionKindProto.Approve : ApprovalDecisionKindProto.Reject,
        Comment = decision.Comment,
        DecideTime = Timestamp.FromDateTimeOffset(decision.DecideTime),
    };

    public static ApprovalOutcomeProto ToProto(this AppApprovalOutcome outcome) => new()
    {
        Decision = outcome.Decision.ToProto(),
        ApprovalStatus = outcome.Status.ToProto(),
        ApprovalCount = outcome.ApprovalCount,
        RequiredApprovals = outcome.RequiredApprovals,
    };
}
