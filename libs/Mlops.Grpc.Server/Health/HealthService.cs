using Google.Protobuf.Reflection;
using Grpc.Health.V1;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Mlops.Grpc.Server.Hosting;

namespace Mlops.Grpc.Server.Health;

/// <summary>grpc.health.v1.Health.</summary>
public sealed class HealthService(GrpcHealthStatusStore store, GrpcServiceRegistry registry, HealthCheckService healthChecks) : IGrpcService
{
    public static ServiceDescriptor Descriptor => HealthReflection.Descriptor.Services[0];

    public async Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        await EnsureEvaluatedAsync(context.CancellationToken).ConfigureAwait(false);
        var status = store.GetStatus(request.Service)
            ?? throw new RpcException(StatusCode.NotFound, $"Unknown service '{request.Service}'.");
        return new HealthCheckResponse { Status = status };
    }

    public async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responses, ServerCallContext context)
    {
        await EnsureEvaluatedAsync(context.CancellationToken).ConfigureAwait(false);
        await foreach (var status in store.WatchAsync(request.Service, context.CancellationToken).ConfigureAwait(false))
        {
            await responses.WriteAsync(new HealthCheckResponse { Status = status }, context.CancellationToken).ConfigureAwait(false);
        }
    }

    // Before the first periodic report, answer from a report made now rather than "unknown".
    private async Task EnsureEvaluatedAsync(CancellationToken cancellationToken)
    {
        if (!store.HasStatus)
        {
            var report = await healthChecks.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
            GrpcHealthCheckPublisher.Publish(store, registry, report);
        }
    }
}
