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

    public async Task ServerReflectionInfo(
        IAsyncStreamReader<ServerReflectionRequest> requests,
        IServerStreamWriter<ServerReflectionResponse> responses,
        ServerCallContext context)
    {
        var index = new DescriptorIndex(registry.Services);
        var filesSent = new HashSet<string>();
        while (await requests.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            var request = V1.ServerReflectionRequest.Parser.ParseFrom(requests.Current.ToByteString());
            var answer = ReflectionService.Answer(index, request, filesSent);
            await responses.WriteAsync(ServerReflectionResponse.Parser.ParseFrom(answer.ToByteString()), context.CancellationToken).ConfigureAwait(false);
        }
    }
}
