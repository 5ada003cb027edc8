using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Mlops.Grpc;

/// <summary>A typed gRPC method: the path it is called at and how its messages are read.</summary>
public sealed record Method<TRequest, TResponse>(
    MethodType Type,
    string ServiceName,
    string Name,
    MessageParser<TRequest> RequestParser,
    MessageParser<TResponse> ResponseParser)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    /// <summary>The HTTP/2 :path, "/package.Service/Method".</summary>
    public string FullName { get; } = $"/{ServiceName}/{Name}";

    /// <summary>Safe to send again: the client retries it on UNAVAILABLE.</summary>
    public bool IsIdempotent { get; init; }

    /// <summary>Builds the method from its protobuf descriptor, checking the message types.</summary>
    public static Method<TRequest, TResponse> FromDescriptor(MethodDescriptor descriptor, bool isIdempotent = false)
    {
        if (descriptor.InputType.ClrType != typeof(TRequest) || descriptor.OutputType.ClrType != typeof(TResponse))
        {
            throw new ArgumentException(
                $"Method {descriptor.FullName} takes {descriptor.InputType.FullName} and returns {descriptor.OutputType.FullName}, " +
                $"not {typeof(TRequest).Name} and {typeof(TResponse).Name}.",
                nameof(descriptor));
        }

        var type = (descriptor.IsClientStreaming, descriptor.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (true, false) => MethodType.ClientStreaming,
            (false, true) => MethodType.ServerStreaming,
            _ => MethodType.DuplexStreaming,
        };
        return new Method<TRequest, TResponse>(
            type,
            descriptor.Service.FullName,
            descriptor.Name,
            (MessageParser<TRequest>)descriptor.InputType.Parser,
            (MessageParser<TResponse>)descriptor.OutputType.Parser)
        {
            IsIdempotent = isIdempotent,
        };
    }
}
