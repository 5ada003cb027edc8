using Microsoft.Extensions.Configuration;
using Mlops.Grpc;
using Mlops.Grpc.Client;
using Mlops.Grpc.Server;
using Mlops.Testing;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Mlops.ServiceDefaults.TestHost;

/// <summary>Adds its own name to the path and, when it has a next service, passes the call on.</summary>
public sealed class RelayService(IConfiguration configuration, NextService next) : IGrpcService
{
    public static readonly Method<RelayRequest, RelayReply> ForwardMethod =
        Method<RelayRequest, RelayReply>.FromDescriptor(RelayReflection.Descriptor.Services[0].FindMethodByName("Forward"));

    public static ServiceDescriptor Descriptor => RelayReflection.Descriptor.Services[0];

    public async Task<RelayReply> Forward(RelayRequest request, ServerCallContext context)
    {
        var reply = next.Channel is { } channel
            ? await channel.UnaryAsync(ForwardMethod, request, new CallOptions(Deadline: context.Deadline, CancellationToken: context.CancellationToken))
            : new RelayReply();
        reply.Path.Insert(0, configuration["OTEL_SERVICE_NAME"] ?? "unnamed");
        return reply;
    }
}
