using Google.Protobuf.WellKnownTypes;
using Mlops.Deployment.Application;
using Mlops.Deployment.V1;

namespace Mlops.Deployment.Grpc;

/// <summary>The application's records as mlops.deployment.v1 messages, and request parts as the application's records.</summary>
internal static class ProtoMapping
{
    public static V1.Endpoint ToProto(this EndpointInfo endpoint)
    {
        var rollout = new RolloutStrategy
        {
            Kind = endpoint.Rollout.Mode == RolloutMode.Canary ? RolloutKind.Canary : RolloutKind.BlueGreen,
            BakeSeconds = endpoint.Rollout.BakeSeconds,
        };
        rollout.CanarySteps.AddRange(endpoint.Rollout.CanarySteps);
        return new V1.Endpoint
        {
            Name = endpoint.Name,
            Environment = endpoint.Environment,
            Description = endpoint.Description,
            P95LatencyLimitMs = endpoint.P95LatencyLimitMs,
            Rollout = rollout,
            CreatedBy = endpoint.CreatedBy,
            CreateTime = Timestamp.FromDateTimeOffset(endpoint.CreateTime),
        };
    }

    public static V1.Deployment ToProto(this DeploymentInfo deployment)
    {
        var model = new V1.ModelReference { Workspace = deployment.Model.Workspace, ModelName = deployment.Model.ModelName };
        if (deployment.Model.Alias.Length > 0)
        {
            model.Alias = deployment.Model.Alias;
        }
        else
        {
            model.Version = deployment.Model.Version;
        }

        return new V1.Deployment
        {
            Endpoint = deployment.Endpoint,
            Name = deployment.Name,
            Model = model,
            ModelVersion = deployment.Resolved.Version,
            ArtifactSha256 = deployment.Resolved.ArtifactSha256,
            Runtime = new Runtime
            {
                Kind = deployment.Runtime.Type == RuntimeType.External ? RuntimeKind.External : RuntimeKind.Builtin,
                ExternalUrl = deployment.Runtime.ExternalUrl,
            },
            Replicas = deployment.Replicas,
            CreatedBy = deployment.CreatedBy,
            CreateTime = Timestamp.FromDateTimeOffset(deployment.CreateTime),
        };
    }

    public static Traffic ToProto(this TrafficInfo traffic)
    {
        var message = new Traffic
        {
            Endpoint = traffic.Endpoint,
            StickyHeader = traffic.StickyHeader,
            Etag = DeploymentRules.EtagOf(traffic.Revision),
            UpdatedBy = traffic.UpdatedBy,
            UpdateTime = traffic.UpdateTime is { } time ? Timestamp.FromDateTimeOffset(time) : null,
        };
        message.Weights.Add(traffic.Weights.ToDictionary());
        message.Mirrors.Add(traffic.Mirrors.ToDictionary());
        return message;
    }

    public static RolloutMode ToMode(RolloutKind kind) => kind switch
    {
        RolloutKind.Unspecified or RolloutKind.BlueGreen => RolloutMode.BlueGreen,
        RolloutKind.Canary => RolloutMode.Canary,
        _ => throw DeploymentException.Invalid($"rollout.kind {kind} is unknown: BLUE_GREEN or CANARY."),
    };

    public static Application.ModelReference ToReference(V1.ModelReference? model) =>
        model is null
            ? throw DeploymentException.Invalid("model is required: a model_name with a version or an alias.")
            : DeploymentRules.Model(
                model.Workspace,
                model.ModelName,
                model.SelectorCase == V1.ModelReference.SelectorOneofCase.Version ? model.Version : 0,
                model.SelectorCase == V1.ModelReference.SelectorOneofCase.Alias ? model.Alias : "");

    public static RuntimeSpec ToRuntime(Runtime? runtime) =>
        (runtime?.Kind ?? RuntimeKind.Unspecified) switch
        {
            RuntimeKind.Unspecified or RuntimeKind.Builtin => DeploymentRules.Runtime(RuntimeType.Builtin, runtime?.ExternalUrl),
            RuntimeKind.External => DeploymentRules.Runtime(RuntimeType.External, runtime!.ExternalUrl),
            var kind => throw DeploymentException.Invalid($"runtime.kind {kind} is unknown: BUILTIN or EXTERNAL."),
        };
}
