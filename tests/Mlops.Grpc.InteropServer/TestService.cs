using Google.Protobuf;
using Grpc.Testing;
using Mlops.Grpc.Server;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Mlops.Grpc.InteropServer;

/// <summary>grpc.testing.TestService with the behaviour the gRPC interop spec asks of a server.</summary>
public sealed class TestService : IGrpcService
{
    public const string EchoInitialKey = "x-grpc-test-echo-initial";
    public const string EchoTrailingKey = "x-grpc-test-echo-trailing-bin";

    public static ServiceDescriptor Descriptor => TestReflection.Descriptor.Services[0];

    public Task<Empty> EmptyCall(Empty request, ServerCallContext context) => Task.FromResult(new Empty());

    public async Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context)
    {
        if (request.ExpectCompressed?.Value == true && !context.RequestMessageCompressed)
        {
            throw new RpcException(StatusCode.InvalidArgument, "Expected a compressed request message.");
        }

        context.ResponseCompression = request.ResponseCompressed?.Value == true ? "gzip" : null;
        await EchoMetadataAsync(context);
        ThrowIfAsked(request.ResponseStatus);
        return new SimpleResponse { Payload = Payload(request.ResponseSize) };
    }

    public Task<SimpleResponse> CacheableUnaryCall(SimpleRequest request, ServerCallContext context) => UnaryCall(request, context);

    public async Task StreamingOutputCall(StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responses, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        await RespondAsync(request, responses, context);
        ThrowIfAsked(request.ResponseStatus);
    }

    public async Task<StreamingInputCallResponse> StreamingInputCall(IAsyncStreamReader<StreamingInputCallRequest> requests, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        var total = 0;
        while (await requests.MoveNext(context.CancellationToken))
        {
            if (requests.Current.ExpectCompressed?.Value == true && !context.RequestMessageCompressed)
            {
                throw new RpcException(StatusCode.InvalidArgument, "Expected a compressed request message.");
            }

            total += requests.Current.Payload?.Body.Length ?? 0;
        }

        return new StreamingInputCallResponse { AggregatedPayloadSize = total };
    }

    public async Task FullDuplexCall(IAsyncStreamReader<StreamingOutputCallRequest> requests, IServerStreamWriter<StreamingOutputCallResponse> responses, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        while (await requests.MoveNext(context.CancellationToken))
        {
            ThrowIfAsked(requests.Current.ResponseStatus);
            await RespondAsync(requests.Current, responses, context);
        }
    }

    public async Task HalfDuplexCall(IAsyncStreamReader<StreamingOutputCallRequest> requests, IServerStreamWriter<StreamingOutputCallResponse> responses, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        var buffered = new List<StreamingOutputCallRequest>();
        while (await requests.MoveNext(context.CancellationToken))
        {
            buffered.Add(requests.Current);
        }

        foreach (var request in buffered)
        {
            ThrowIfAsked(request.ResponseStatus);
            await RespondAsync(request, responses, context);
        }
    }

    private static async Task RespondAsync(StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responses, ServerCallContext context)
    {
        foreach (var parameters in request.ResponseParameters)
        {
            if (parameters.IntervalUs > 0)
            {
                await Task.Delay(TimeSpan.FromMicroseconds(parameters.IntervalUs), context.CancellationToken);
            }

            await responses.WriteAsync(new StreamingOutputCallResponse { Payload = Payload(parameters.Size) }, context.CancellationToken);
        }
    }

    private static async Task EchoMetadataAsync(ServerCallContext context)
    {
        if (context.RequestHeaders.GetValue(EchoInitialKey) is { } initial)
        {
            await context.WriteResponseHeadersAsync(new Metadata().Add(EchoInitialKey, initial));
        }

        if (context.RequestHeaders.GetValueBytes(EchoTrailingKey) is { } trailing)
        {
            context.ResponseTrailers.Add(EchoTrailingKey, trailing);
        }
    }

    private static void ThrowIfAsked(EchoStatus? status)
    {
        if (status is { Code: not 0 })
        {
            throw new RpcException((StatusCode)status.Code, status.Message);
        }
    }

    private static Payload Payload(int size) => new()
    {
        Type = PayloadType.Compressable,
        Body = size == 0 ? ByteString.Empty : ByteString.CopyFrom(new byte[size]),
    };
}
