using Google.Protobuf.WellKnownTypes;
using Mlops.Grpc;
using Mlops.Grpc.Client;
using Mlops.Registry.V1;

namespace Mlops.Registry.Tests.Infrastructure;

/// <summary>mlops.registry.v1.ModelApprovals, and ModelRegistry.DeleteModel, which approvals constrain.</summary>
public sealed partial class RegistryClient
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor ApprovalsService = ApprovalsReflection.Descriptor.Services[0];
    private static readonly Method<GetApprovalPolicyRequest, ApprovalPolicy> GetApprovalPolicyMethod =
        Method<GetApprovalPolicyRequest, ApprovalPolicy>.FromDescriptor(ApprovalsService.FindMethodByName("GetApprovalPolicy"));
    private static readonly Method<SetApprovalPolicyRequest, ApprovalPolicy> SetApprovalPolicyMethod =
        Method<SetApprovalPolicyRequest, ApprovalPolicy>.FromDescriptor(ApprovalsService.FindMethodByName("SetApprovalPolicy"));
    private static readonly Method<ApproveModelVersionRequest, ApprovalOutcome> ApproveMethod =
        Method<ApproveModelVersionRequest, ApprovalOutcome>.FromDescriptor(ApprovalsService.FindMethodByName("ApproveModelVersion"));
    private static readonly Method<RejectModelVersionRequest, ApprovalOutcome> RejectMethod =
        Method<RejectModelVersionRequest, ApprovalOutcome>.FromDescriptor(ApprovalsService.FindMethodByName("RejectModelVersion"));
    private static readonly Method<ListApprovalDecisionsRequest, ListApprovalDecisionsResponse> ListApprovalDecisionsMethod =
        Method<ListApprovalDecisionsRequest, ListApprovalDecisionsResponse>.FromDescriptor(ApprovalsService.FindMethodByName("ListApprovalDecisions"));
    private static readonly Method<DeleteModelRequest, Empty> DeleteModelMethod =
        Method<DeleteModelRequest, Empty>.FromDescriptor(RegistryReflection.Descriptor.Services[0].FindMethodByName("DeleteModel"));

    public async Task<ApprovalPolicy> GetApprovalPolicyAsync(string modelName, string workspace = "") =>
        await channel.UnaryAsync(GetApprovalPolicyMethod, new GetApprovalPolicyRequest { Workspace = workspace, ModelName = modelName }, Options());

    public async Task<ApprovalPolicy> SetApprovalPolicyAsync(SetApprovalPolicyRequest request) => await channel.UnaryAsync(SetApprovalPolicyMethod, request, Options());

    /// <summary>Sets the fields that <paramref name="policy"/> has set (no update mask).</summary>
    public Task<ApprovalPolicy> SetApprovalPolicyAsync(ApprovalPolicy policy) => SetApprovalPolicyAsync(new SetApprovalPolicyRequest { Policy = policy });

    public async Task<ApprovalOutcome> ApproveAsync(string modelName, int version, string comment = "Evaluation reviewed; fit for release.", string workspace = "") =>
        await channel.UnaryAsync(ApproveMethod, new ApproveModelVersionRequest { Workspace = workspace, ModelName = modelName, Version = version, Comment = comment }, Options());

    public async Task<ApprovalOutcome> RejectAsync(string modelName, int version, string comment = "Accuracy regressed on the holdout set.", string workspace = "") =>
        await channel.UnaryAsync(RejectMethod, new RejectModelVersionRequest { Workspace = workspace, ModelName = modelName, Version = version, Comment = comment }, Options());

    public async Task<ListApprovalDecisionsResponse> ListApprovalDecisionsAsync(ListApprovalDecisionsRequest request) =>
        await channel.UnaryAsync(ListApprovalDecisionsMethod, request, Options());

    /// <summary>A registration whose messages the test writes one by one, to act while the upload is under way.</summary>
    public AsyncClientStreamingCall<CreateModelVersionRequest, ModelVersion> StartCreateModelVersion() => channel.ClientStreaming(CreateModelVersionMethod, Options());

    public async Task DeleteModelAsync(string name, string workspace = "") =>
        await channel.UnaryAsync(DeleteModelMethod, new DeleteModelRequest { Workspace = workspace, Name = name }, Options());
}
