using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Reflection.V1Alpha;
using Mlops.Grpc.Server.Hosting;
using V1 = Grpc.Reflection.V1;

namespace Mlops.Grpc.Server.Reflection;

/// <summary>
/// grpc.reflection.v1alpha.ServerReflection, which older tools still speak. Its messages are
/// wire-identical to v1's, so each request is re-read as v1 and answered by the v1 logic.
/// </summary>
public sealed class ReflectionServiceV1Alpha(GrpcServiceRegistry registry) : IGrpcService
{
    public static ServiceDescriptor Descriptor => ReflectionReflection.Descriptor.Services[0];

    public Task ServerReflectionInfo(
        IAsyncStreamReader<ServerReflectionRequest> requests,
        IServerStreamWriter<ServerReflectionResponse> responses,
        ServerCallContext context) =>
        ReflectionService.ServeAsync(
            registry,
            requests,
            responses,
            context,
            request => V1.ServerReflectionRequest.Parser.ParseFrom(request.ToByteString()),
            response => ServerReflectionResponse.Parser.ParseFrom(response.ToByteString()));
}
