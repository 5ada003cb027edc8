using Mlops.Grpc;
using Mlops.Grpc.Server;
using Mlops.Registry.Application;
using Mlops.Registry.Application.Approvals;
using Mlops.Registry.V1;
using ApprovalOutcomeProto = Mlops.Registry.V1.ApprovalOutcome;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Mlops.Registry.Grpc;

/// <summary>mlops.registry.v1.ModelApprovals.</summary>
public sealed class ModelApprovalsService(ApprovalUseCases approvals) : IGrpcService
{
    private const string RequiredApprovalsPath = "required_approvals";
    private const string ApproversPath = "approvers";
    private const string ProtectedAliasesPath = "protected_aliases";

    public static ServiceDescriptor Descriptor => ApprovalsReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ModelApprovals");

    public async Task<ApprovalPolicy> GetApprovalPolicy(GetApprovalPolicyRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return (await approvals.GetPolicyAsync(request.Workspace, request.ModelName, context.CancellationToken).ConfigureAwait(false)).ToProto();
    }

    public async Task<ApprovalPolicy> SetApprovalPolicy(SetApprovalPolicyRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var policy = request.Policy ?? throw RegistryException.Invalid("policy is required: it names the model and carries the new values.");
        var paths = request.UpdateMask?.Paths.ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var path in paths.Where(path => path is not (RequiredApprovalsPath or ApproversPath or ProtectedAliasesPath)))
        {
            throw RegistryException.Invalid(
                $"update_mask path '{path}' is unknown: the paths are '{RequiredApprovalsPath}', '{ApproversPath}' and '{ProtectedAliasesPath}'.");
        }

        // AIP-134: without a mask, the fields that are set; with one, exactly the fields it names (so lists can be cleared).
        var change = new ApprovalPolicyChange(
            policy.Workspace,
            policy.ModelName,
            Updates(paths, RequiredApprovalsPath, policy.RequiredApprovals != 0) ? policy.RequiredApprovals : null,
            Updates(paths, ApproversPath, policy.Approvers.Count > 0) ? policy.Approvers : null,
            Updates(paths, ProtectedAliasesPath, policy.ProtectedAliases.Count > 0) ? policy.ProtectedAliases : null,
            policy.Etag);
        return (await approvals.SetPolicyAsync(change, context.CancellationToken).ConfigureAwait(false)).ToProto();
    }

    public async Task<ApprovalOutcomeProto> ApproveModelVersion(ApproveModelVersionRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var outcome = await approvals.ApproveAsync(request.Workspace, request.ModelName, request.Version, request.Comment, context.CancellationToken).ConfigureAwait(false);
        return outcome.ToProto();
    }

    public async Task<ApprovalOutcomeProto> RejectModelVersion(RejectModelVersionRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var outcome = await approvals.RejectAsync(request.Workspace, request.ModelName, request.Version, request.Comment, context.CancellationToken).ConfigureAwait(false);
        return outcome.ToProto();
    }

    public async Task<ListApprovalDecisionsResponse> ListApprovalDecisions(ListApprovalDecisionsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var page = await approvals.ListDecisionsAsync(
            request.Workspace, request.ModelName, request.Version, request.PageSize, request.PageToken, context.CancellationToken).ConfigureAwait(false);
        var response = new ListApprovalDecisionsResponse { NextPageToken = page.NextPageToken };
        response.Decisions.AddRange(page.Decisions.Select(decision => decision.ToProto()));
        return response;
    }

    private static bool Updates(HashSet<string> paths, string path, bool isSet) => paths.Count == 0 ? isSet : paths.Contains(path);
}
