using Google.Protobuf.Reflection;
using Grpc.Reflection.V1;
using Mlops.Grpc.Server.Hosting;

namespace Mlops.Grpc.Server.Reflection;

/// <summary>grpc.reflection.v1.ServerReflection: lets grpcurl, Postman and Evans discover the services.</summary>
public sealed class ReflectionService(GrpcServiceRegistry registry) : IGrpcService
{
    public static ServiceDescriptor Descriptor => ReflectionReflection.Descriptor.Services[0];

    public Task ServerReflectionInfo(
        IAsyncStreamReader<ServerReflectionRequest> requests,
        IServerStreamWriter<ServerReflectionResponse> responses,
        ServerCallContext context) =>
        ServeAsync(registry, requests, responses, context, request => request, response => response);

    /// <summary>Answers each request of one reflection stream, in either protocol version.</summary>
    internal static async Task ServeAsync<TRequest, TResponse>(
        GrpcServiceRegistry registry,
        IAsyncStreamReader<TRequest> requests,
        IServerStreamWriter<TResponse> responses,
        ServerCallContext context,
        Func<TRequest, ServerReflectionRequest> toV1,
        Func<ServerReflectionResponse, TResponse> fromV1)
    {
        var index = new DescriptorIndex(registry.Services);
        var filesSent = new HashSet<string>();
        while (await requests.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            var answer = Answer(index, toV1(requests.Current), filesSent);
            await responses.WriteAsync(fromV1(answer), context.CancellationToken).ConfigureAwait(false);
        }
    }

    internal static ServerReflectionResponse Answer(DescriptorIndex index, ServerReflectionRequest request, HashSet<string> filesSent)
    {
        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        switch (request.MessageRequestCase)
        {
            case ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                return Files(response, index.FindFile(request.FileByFilename), filesSent, $"File '{request.FileByFilename}' not found.");
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                return Files(response, index.FindSymbol(request.FileContainingSymbol), filesSent, $"Symbol '{request.FileContainingSymbol}' not found.");
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension:
                var extension = request.FileContainingExtension;
                return Files(
                    response,
                    index.FindExtension(extension.ContainingType, extension.ExtensionNumber),
                    filesSent,
                    $"Extension {extension.ExtensionNumber} of '{extension.ContainingType}' not found.");
            case ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                var numbers = index.ExtensionNumbers(request.AllExtensionNumbersOfType);
                if (numbers is null)
                {
                    return Error(response, StatusCode.NotFound, $"Type '{request.AllExtensionNumbersOfType}' not found.");
                }

                response.AllExtensionNumbersResponse = new ExtensionNumberResponse { BaseTypeName = request.AllExtensionNumbersOfType };
                response.AllExtensionNumbersResponse.ExtensionNumber.AddRange(numbers);
                return response;
            case ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                response.ListServicesResponse = new ListServiceResponse();
                response.ListServicesResponse.Service.AddRange(index.ServiceNames.Select(name => new ServiceResponse { Name = name }));
                return response;
            default:
                return Error(response, StatusCode.InvalidArgument, "The reflection request names no question.");
        }
    }

    // The requested file always comes back; its dependencies only when this stream has not had them yet.
    private static ServerReflectionResponse Files(ServerReflectionResponse response, FileDescriptor? file, HashSet<string> filesSent, string notFound)
    {
        if (file is null)
        {
            return Error(response, StatusCode.NotFound, notFound);
        }

        response.FileDescriptorResponse = new FileDescriptorResponse();
        foreach (var next in DescriptorIndex.WithDependencies(file))
        {
            if (filesSent.Add(next.Name) || next == file)
            {
                response.FileDescriptorResponse.FileDescriptorProto.Add(next.SerializedData);
            }
        }

        return response;
    }

    private static ServerReflectionResponse Error(ServerReflectionResponse response, StatusCode code, string message)
    {
        response.ErrorResponse = new ErrorResponse { ErrorCode = (int)code, ErrorMessage = message };
        return response;
    }
}
