using System.Reflection;
using Google.Protobuf.Reflection;
using Microsoft.Extensions.Logging;

namespace Mlops.Grpc.Server.Binding;

/// <summary>Matches a service class's methods to its protobuf descriptor and builds their handlers.</summary>
internal static class ServiceBinder
{
    public static IReadOnlyList<IServerMethodHandler> Bind<TService>(
        ServiceDescriptor descriptor,
        IServiceProvider services,
        GrpcServerOptions options,
        IReadOnlyList<IServerInterceptor> interceptors,
        ILogger logger)
        where TService : class
    {
        var activator = new ServiceActivator<TService>(services);
        var handlers = new List<IServerMethodHandler>();
        foreach (var method in descriptor.Methods)
        {
            var implementation = FindImplementation(typeof(TService), method);
            if (implementation is null)
            {
                logger.LogDebug("{Service} does not implement {Method}; it answers UNIMPLEMENTED.", typeof(TService).Name, method.FullName);
            }

            var handlerType = typeof(ServerMethodHandler<,,>).MakeGenericType(typeof(TService), method.InputType.ClrType, method.OutputType.ClrType);
            var methodDefinition = typeof(Method<,>).MakeGenericType(method.InputType.ClrType, method.OutputType.ClrType)
                .GetMethod(nameof(Method<Google.Rpc.Status, Google.Rpc.Status>.FromDescriptor))!
                .Invoke(null, [method, false]);
            handlers.Add((IServerMethodHandler)Activator.CreateInstance(handlerType, methodDefinition, implementation, activator, options, interceptors, logger)!);
        }

        return handlers;
    }

    private static MethodInfo? FindImplementation(Type serviceType, MethodDescriptor method)
    {
        var candidate = serviceType.GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance);
        if (candidate is null)
        {
            return null;
        }

        var request = method.InputType.ClrType;
        var response = method.OutputType.ClrType;
        var context = typeof(ServerCallContext);
        var reader = typeof(IAsyncStreamReader<>).MakeGenericType(request);
        var writer = typeof(IServerStreamWriter<>).MakeGenericType(response);
        var returnsResponse = typeof(Task<>).MakeGenericType(response);
        (Type[] Parameters, Type Returns) expected = (method.IsClientStreaming, method.IsServerStreaming) switch
        {
            (false, false) => ([request, context], returnsResponse),
            (false, true) => ([request, writer, context], typeof(Task)),
            (true, false) => ([reader, context], returnsResponse),
            _ => ([reader, writer, context], typeof(Task)),
        };
        var actual = candidate.GetParameters().Select(p => p.ParameterType).ToArray();
        if (!actual.SequenceEqual(expected.Parameters) || candidate.ReturnType != expected.Returns)
        {
            throw new InvalidOperationException(
                $"{serviceType.Name}.{candidate.Name} does not match {method.FullName}: expected " +
                $"{Describe(expected.Returns)} {method.Name}({string.Join(", ", expected.Parameters.Select(Describe))}).");
        }

        return candidate;
    }

    private static string Describe(Type type) =>
        type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(", ", type.GetGenericArguments().Select(Describe))}>" : type.Name;
}
