using Mlops.Grpc.Server;
using Mlops.ServiceDefaults.Tests.Otlp.Metrics;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Mlops.ServiceDefaults.Tests;

public sealed class MetricsCollectorService(OtlpCollector.Received received) : IGrpcService
{
    public static ServiceDescriptor Descriptor => MetricsCollectorReflection.Descriptor.Services[0];

    public Task<ExportMetricsServiceResponse> Export(ExportMetricsServiceRequest request, ServerCallContext context)
    {
        foreach (var metrics in request.ResourceMetrics)
        {
            received.MetricExports.AddOrUpdate(OtlpCollector.Received.ServiceOf(metrics.Resource), 1, (_, n) => n + 1);
        }

        return Task.FromResult(new ExportMetricsServiceResponse());
    }
}
