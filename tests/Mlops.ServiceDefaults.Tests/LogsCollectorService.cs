using Mlops.Grpc.Server;
using Mlops.ServiceDefaults.Tests.Otlp.Logs;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Mlops.ServiceDefaults.Tests;

public sealed class LogsCollectorService(OtlpCollector.Received received) : IGrpcService
{
    public static ServiceDescriptor Descriptor => LogsCollectorReflection.Descriptor.Services[0];

    public Task<ExportLogsServiceResponse> Export(ExportLogsServiceRequest request, ServerCallContext context)
    {
        foreach (var logs in request.ResourceLogs)
        {
            received.LogExports.AddOrUpdate(OtlpCollector.Received.ServiceOf(logs.Resource), 1, (_, n) => n + 1);
        }

        return Task.FromResult(new ExportLogsServiceResponse());
    }
}
