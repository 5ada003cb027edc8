using Google.Protobuf.WellKnownTypes;
using Mlops.Deployment.Application;
using Mlops.Deployment.V1;

namespace Mlops.Deployment.Grpc;

/// <summary>Routes and promotions as mlops.deployment.v1 messages, and the proto's enums as the application's.</summary>
internal static class PromotionProtoMapping
{
    public static V1.PromotionRoute ToProto(this Application.PromotionRoute route)
    {
        var message = new V1.PromotionRoute
        {
            Workspace = route.Workspace,
            ModelName = route.ModelName,
            StagingEndpoint = route.StagingEndpoint,
            ProductionEndpoint = route.ProductionEndpoint,
            GateTimeoutSeconds = route.GateTimeoutSeconds,
            Checks = new StagingChecks
            {
                InputExample = route.Checks.InputExample,
                Signature = route.Checks.Signature,
                LoadTest = route.Checks.LoadTest,
                LoadTestRequests = route.Checks.LoadTestRequests,
                LoadTestConcurrency = route.Checks.LoadTestConcurrency,
            },
            CreatedBy = route.CreatedBy,
            CreateTime = Timestamp.FromDateTimeOffset(route.CreateTime),
        };
        message.Approvers.AddRange(route.Approvers);
        return message;
    }

    public static Promotion ToProto(this PromotionInfo promotion)
    {
        var message = new Promotion
        {
            Id = promotion.Id.ToString(),
            Workspace = promotion.Workspace,
            ModelName = promotion.ModelName,
            Version = promotion.Version,
            RequestedBy = promotion.RequestedBy,
            Trigger = promotion.Trigger,
            State = ToProto(promotion.State),
            Step = ToProto(promotion.Step),
            RolloutStep = promotion.RolloutStep,
            Route = promotion.Route.ToProto(),
            StagingDeployment = promotion.StagingDeployment,
            ProductionDeployment = promotion.ProductionDeployment,
            Reason = promotion.Reason,
            CreateTime = Timestamp.FromDateTimeOffset(promotion.CreateTime),
            UpdateTime = Timestamp.FromDateTimeOffset(promotion.UpdateTime),
            DueTime = promotion.IsRunning && promotion.DueTime is { } due && promotion.Step is Application.PromotionStep.Approval or Application.PromotionStep.Rollout
                ? Timestamp.FromDateTimeOffset(due)
                : null,
        };
        message.History.AddRange(promotion.History.Select(entry => new V1.PromotionHistoryEntry
        {
            Time = Timestamp.FromDateTimeOffset(entry.Time),
            Step = ToProto(entry.Step),
            Kind = PromotionNames.Kind(entry.Kind),
            Actor = entry.Actor,
            Comment = entry.Comment,
            Detail = entry.Detail,
        }));
        return message;
    }

    public static V1.PromotionState ToProto(Application.PromotionState state) => state switch
    {
        Application.PromotionState.Running => V1.PromotionState.Running,
        Application.PromotionState.Succeeded => V1.PromotionState.Succeeded,
        Application.PromotionState.Failed => V1.PromotionState.Failed,
        Application.PromotionState.Rejected => V1.PromotionState.Rejected,
        Application.PromotionState.RolledBack => V1.PromotionState.RolledBack,
        _ => V1.PromotionState.Cancelled,
    };

    public static Application.PromotionState? ToState(V1.PromotionState state) => state switch
    {
        V1.PromotionState.Unspecified => null,
        V1.PromotionState.Running => Application.PromotionState.Running,
        V1.PromotionState.Succeeded => Application.PromotionState.Succeeded,
        V1.PromotionState.Failed => Application.PromotionState.Failed,
        V1.PromotionState.Rejected => Application.PromotionState.Rejected,
        V1.PromotionState.RolledBack => Application.PromotionState.RolledBack,
        V1.PromotionState.Cancelled => Application.PromotionState.Cancelled,
        _ => throw DeploymentException.Invalid($"state {state} is unknown."),
    };

    public static V1.PromotionStep ToProto(Application.PromotionStep step) => step switch
    {
        Application.PromotionStep.DeployStaging => V1.PromotionStep.DeployStaging,
        Application.PromotionStep.StagingReady => V1.PromotionStep.StagingReady,
        Application.PromotionStep.StagingChecks => V1.PromotionStep.StagingChecks,
        Application.PromotionStep.Approval => V1.PromotionStep.Approval,
        Application.PromotionStep.DeployProduction => V1.PromotionStep.DeployProduction,
        Application.PromotionStep.Rollout => V1.PromotionStep.Rollout,
        _ => V1.PromotionStep.Done,
    };
}
