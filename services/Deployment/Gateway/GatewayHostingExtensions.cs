using Microsoft.Extensions.DependencyInjection.Extensions;
using Mlops.Deployment.Application;
using Mlops.Deployment.Infrastructure;
using Mlops.Grpc.Server;
using Mlops.Inference;
using Mlops.Inference.Grpc;
using Mlops.Inference.Rest;

namespace Mlops.Deployment.Gateway;

public static class GatewayHostingExtensions
{
    /// <summary>
    /// The inference gateway (settings <c>Deployment:Gateway</c>, see <see cref="GatewayOptions"/>): the reconciler,
    /// the artifact cache, the Open Inference Protocol over the served deployments, inference records and metrics.
    /// Call after AddDeployment: it wraps the deployment and traffic stores so that their changes wake the gateway.
    /// </summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<GatewayOptions>().Bind(builder.Configuration.GetSection(GatewayOptions.Section));
        services.AddMetrics();
        services.AddSingleton<GatewaySignal>();
        services.AddSingleton<GatewayTable>();
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<RegistryArtifacts>();
        services.AddSingleton<ArtifactCache>();
        services.AddSingleton<DeploymentModelLoader>();
        services.AddSingleton<InferenceRecorder>();
        services.AddSingleton<IDeploymentServing, DeploymentServing>();
        services.AddSingleton<IInferenceModelHost, GatewayModelHost>();
        services.AddOpenInference();
        services.AddSingleton<GrpcInferenceService>();
        services.AddHostedService<GatewayReconciler>();
        services.AddHostedService<InferenceRecordPublisher>();

        services.Replace(ServiceDescriptor.Scoped<IDeploymentStore>(provider =>
            new NudgingDeploymentStore(ActivatorUtilities.CreateInstance<EfDeploymentStore>(provider), provider.GetRequiredService<GatewaySignal>())));
        services.Replace(ServiceDescriptor.Scoped<ITrafficStore>(provider =>
            new NudgingTrafficStore(ActivatorUtilities.CreateInstance<EfTrafficStore>(provider), provider.GetRequiredService<GatewaySignal>())));
        return builder;
    }

    /// <summary>The protocol's gRPC service (inference.GRPCInferenceService) and REST routes (/v2/...), timed by the gateway's metrics.</summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<GatewayMetricsMiddleware>();
        app.MapGrpcService<GrpcInferenceService>();
        app.MapOpenInferenceRest();
        return app;
    }
}
