using System.Diagnostics;
using System.Reflection;
using Google.Protobuf;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;
using Mlops.Grpc.Server.Hosting;
using Mlops.Grpc.Server.Telemetry;

namespace Mlops.Grpc.Server.Binding;

/// <summary>Serves one method: protocol checks, the interceptor pipeline, the handler, the status.</summary>
internal sealed class ServerMethodHandler<TService, TRequest, TResponse> : IServerMethodHandler
    where TService : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly Method<TRequest, TResponse> _method;
    private readonly ServiceActivator<TService> _activator;
    private readonly GrpcServerOptions _options;
    private readonly ILogger _logger;
    private readonly ServerCallContinuation _pipeline;
    private readonly Func<TService, TRequest, ServerCallContext, Task<TResponse>>? _unary;
    private readonly Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task>? _serverStreaming;
    private readonly Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>>? _clientStreaming;
    private readonly Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task>? _duplex;

    public ServerMethodHandler(
        Method<TRequest, TResponse> method,
        MethodInfo? implementation,
        ServiceActivator<TService> activator,
        GrpcServerOptions options,
        IReadOnlyList<IServerInterceptor> interceptors,
        ILogger logger)
    {
        _method = method;
        _activator = activator;
        _options = options;
        _logger = logger;
        if (implementation is not null)
        {
            switch (method.Type)
            {
                case MethodType.Unary:
                    _unary = implementation.CreateDelegate<Func<TService, TRequest, ServerCallContext, Task<TResponse>>>();
                    break;
                case MethodType.ServerStreaming:
                    _serverStreaming = implementation.CreateDelegate<Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task>>();
                    break;
                case MethodType.ClientStreaming:
                    _clientStreaming = implementation.CreateDelegate<Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>>>();
                    break;
                default:
                    _duplex = implementation.CreateDelegate<Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task>>();
                    break;
            }
        }

        ServerCallContinuation pipeline = implementation is null ? Unimplemented : InvokeAsync;
        for (var i = interceptors.Count - 1; i >= 0; i--)
        {
            var interceptor = interceptors[i];
            var next = pipeline;
            pipeline = context => interceptor.InterceptAsync(context, next);
        }

        _pipeline = pipeline;
    }

    public string Pattern => _method.FullName;

    public async Task HandleAsync(HttpContext http)
    {
        if (GrpcHttpChecks.RejectNonGrpc(http))
        {
            return;
        }

        // Routing ignores case; gRPC paths are case-sensitive.
        if (!string.Equals(http.Request.Path.Value, _method.FullName, StringComparison.Ordinal))
        {
            UnimplementedHandler.Write(http, "Method is unimplemented.");
            return;
        }

        LiftBodyLimits(http, streamingRequest: _method.Type is MethodType.ClientStreaming or MethodType.DuplexStreaming);
        using var context = new HttpServerCallContext(http, _options, _method.FullName);
        var activity = GrpcServerTelemetry.StartCall(http, _method.ServiceName, _method.Name);
        var started = Stopwatch.GetTimestamp();
        var status = context.Validate() ?? await RunPipelineAsync(context).ConfigureAwait(false);
        // Past this point the deadline timer must not reset a stream that is ending normally.
        context.MarkCompleted();
        if (!http.RequestAborted.IsCancellationRequested && !context.ClientGone)
        {
            context.WriteStatus(status);
        }

        GrpcServerTelemetry.StopCall(activity, _method.ServiceName, _method.Name, status, started);
    }

    private async Task<Status> RunPipelineAsync(HttpServerCallContext context)
    {
        Status status;
        try
        {
            await _pipeline(context).ConfigureAwait(false);
            status = context.Status;
        }
        catch (Exception ex)
        {
            status = ToStatus(ex, context);
        }

        try
        {
            // Messages queued before a failure still go out ahead of the status.
            if (context.UserState.TryGetValue(typeof(ServerResponseStream<TResponse>), out var stream) && stream is ServerResponseStream<TResponse> responses)
            {
                await responses.CompleteAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (status.Code == StatusCode.OK)
        {
            status = ToStatus(ex, context);
        }
        catch (Exception)
        {
            // The handler's own failure is the status worth reporting.
        }

        return context.DeadlineExceeded && status.Code != StatusCode.OK
            ? new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded")
            : status;
    }

    private async Task InvokeAsync(ServerCallContext callContext)
    {
        var context = (HttpServerCallContext)callContext;
        var service = _activator.Create(context.GetHttpContext().RequestServices);
        try
        {
            switch (_method.Type)
            {
                case MethodType.Unary:
                {
                    var request = await context.ReadSingleMessageAsync(_method.RequestParser).ConfigureAwait(false);
                    var response = await _unary!(service, request, context).ConfigureAwait(false);
                    WriteSingleResponse(context, response);
                    break;
                }

                case MethodType.ServerStreaming:
                {
                    var request = await context.ReadSingleMessageAsync(_method.RequestParser).ConfigureAwait(false);
                    await _serverStreaming!(service, request, CreateResponseStream(context), context).ConfigureAwait(false);
                    break;
                }

                case MethodType.ClientStreaming:
                {
                    var requests = new ServerRequestStream<TRequest>(context, _method.RequestParser);
                    var response = await _clientStreaming!(service, requests, context).ConfigureAwait(false);
                    WriteSingleResponse(context, response);
                    break;
                }

                default:
                {
                    var requests = new ServerRequestStream<TRequest>(context, _method.RequestParser);
                    await _duplex!(service, requests, CreateResponseStream(context), context).ConfigureAwait(false);
                    break;
                }
            }
        }
        finally
        {
            await _activator.ReleaseAsync(service).ConfigureAwait(false);
        }
    }

    private static ServerResponseStream<TResponse> CreateResponseStream(HttpServerCallContext context)
    {
        var stream = new ServerResponseStream<TResponse>(context);
        context.UserState[typeof(ServerResponseStream<TResponse>)] = stream;
        return stream;
    }

    private static void WriteSingleResponse(HttpServerCallContext context, TResponse? response)
    {
        if (context.Status.Code != StatusCode.OK)
        {
            return;
        }

        if (response is null)
        {
            throw new RpcException(StatusCode.Internal, "The handler returned no response message.");
        }

        context.WriteSingleMessage(response);
    }

    private static Task Unimplemented(ServerCallContext context) =>
        throw new RpcException(StatusCode.Unimplemented, "Method is unimplemented.");

    private Status ToStatus(Exception ex, HttpServerCallContext context)
    {
        switch (ex)
        {
            case RpcException rpc:
                foreach (var entry in rpc.Trailers)
                {
                    context.ResponseTrailers.Add(entry);
                }

                context.RichStatus = rpc.RichStatus;
                return rpc.Status;
            case OperationCanceledException or IOException or ConnectionAbortedException when context.CancellationToken.IsCancellationRequested || context.ClientGone:
                return context.DeadlineExceeded ? new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded") : Status.DefaultCancelled;
            default:
                _logger.LogError(ex, "Error when executing gRPC method {Method}.", _method.FullName);
                var detail = _options.EnableDetailedErrors
                    ? $"Exception was thrown by handler. {ex.GetType().Name}: {ex.Message}"
                    : "Exception was thrown by handler.";
                return new Status(StatusCode.Unknown, detail);
        }
    }

    private static void LiftBodyLimits(HttpContext http, bool streamingRequest)
    {
        // Message limits apply per message; the whole stream may be any length and any pace.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } maxBody)
        {
            maxBody.MaxRequestBodySize = null;
        }

        if (streamingRequest && http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } minRate)
        {
            minRate.MinDataRate = null;
        }
    }
}
