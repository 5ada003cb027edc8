using Google.Protobuf.Reflection;

namespace Mlops.Grpc.Server;

/// <summary>
/// A gRPC service implementation. Each public method named after a method of
/// <see cref="Descriptor"/> handles it, with the signature of its call type:
/// <list type="bullet">
/// <item>unary: <c>Task&lt;TResponse&gt; M(TRequest, ServerCallContext)</c></item>
/// <item>server streaming: <c>Task M(TRequest, IServerStreamWriter&lt;TResponse&gt;, ServerCallContext)</c></item>
/// <item>client streaming: <c>Task&lt;TResponse&gt; M(IAsyncStreamReader&lt;TRequest&gt;, ServerCallContext)</c></item>
/// <item>bidirectional: <c>Task M(IAsyncStreamReader&lt;TRequest&gt;, IServerStreamWriter&lt;TResponse&gt;, ServerCallContext)</c></item>
/// </list>
/// Methods without an implementation answer UNIMPLEMENTED.
/// </summary>
public interface IGrpcService
{
    static abstract ServiceDescriptor Descriptor { get; }
}
