using Mlops.Grpc.Server;
using Mlops.ServiceDefaults.Tests.Otlp;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Mlops.ServiceDefaults.Tests;

public sealed class TraceCollectorService(OtlpCollector.Received received) : IGrpcService
{
    public static ServiceDescriptor Descriptor => TraceCollectorReflection.Descriptor.Services[0];

    public Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context)
    {
        foreach (var resourceSpans in request.ResourceSpans)
        {
            var service = OtlpCollector.Received.ServiceOf(resourceSpans.Resource);
            foreach (var span in resourceSpans.ScopeSpans.SelectMany(s => s.Spans))
            {
                received.Spans.Enqueue((service, span));
            }
        }

        return Task.FromResult(new ExportTraceServiceResponse());
    }
}
