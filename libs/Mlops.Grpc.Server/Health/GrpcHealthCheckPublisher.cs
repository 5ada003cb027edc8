using Grpc.Health.V1;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Mlops.Grpc.Server.Hosting;

namespace Mlops.Grpc.Server.Health;

/// <summary>
/// Turns an ASP.NET health report into gRPC serving statuses. The server ("") is SERVING unless a
/// check is Unhealthy. A service is judged by the checks tagged "grpc:{service}" and the untagged
/// ones, so a failing dependency of one service need not take down the others.
/// </summary>
internal sealed class GrpcHealthCheckPublisher(GrpcHealthStatusStore store, GrpcServiceRegistry registry) : IHealthCheckPublisher
{
    private const string ServiceTagPrefix = "grpc:";

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        Publish(store, registry, report);
        return Task.CompletedTask;
    }

    public static void Publish(GrpcHealthStatusStore store, GrpcServiceRegistry registry, HealthReport report)
    {
        store.SetStatus(string.Empty, ToServing(report.Entries.Values));
        foreach (var service in registry.Services)
        {
            var tag = ServiceTagPrefix + service.FullName;
            var relevant = report.Entries.Values.Where(e =>
                e.Tags.Contains(tag) || !e.Tags.Any(t => t.StartsWith(ServiceTagPrefix, StringComparison.Ordinal)));
            store.SetStatus(service.FullName, ToServing(relevant));
        }
    }

    private static HealthCheckResponse.Types.ServingStatus ToServing(IEnumerable<HealthReportEntry> entries) =>
        entries.Any(e => e.Status == HealthStatus.Unhealthy)
            ? HealthCheckResponse.Types.ServingStatus.NotServing
            : HealthCheckResponse.Types.ServingStatus.Serving;
}
