using Google.Protobuf;
using Mlops.Grpc.Server;
using Mlops.Testing;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Mlops.Grpc.Tests.Infrastructure;

public sealed class ProbeService(ProbeState state) : IGrpcService
{
    public static ServiceDescriptor Descriptor => ProbeReflection.Descriptor.Services[0];

    public async Task<ProbeReply> Sleep(ProbeRequest request, ServerCallContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Timers may fire a tick before the clock reaches the deadline.
            state.Ended(request.Key, context.Deadline <= DateTime.UtcNow.AddMilliseconds(50) ? "deadline" : "canceled");
            throw;
        }

        return new ProbeReply();
    }

    public Task<ProbeReply> Crash(ProbeRequest request, ServerCallContext context) =>
        throw new InvalidOperationException("secret internal detail " + request.Key);

    public Task<ProbeReply> RichError(ProbeRequest request, ServerCallContext context) =>
        throw RpcException.WithDetails(
            StatusCode.FailedPrecondition,
            "The model version is not approved.",
            new ProbeReply { Key = request.Key, Value = 42 });

    public Task<ProbeReply> Flaky(ProbeRequest request, ServerCallContext context)
    {
        var attempt = state.NextAttempt(request.Key);
        return attempt <= request.Count
            ? throw new RpcException(StatusCode.Unavailable, $"Attempt {attempt} refused.")
            : Task.FromResult(new ProbeReply { Key = request.Key, Value = attempt });
    }

    public Task<ProbeReply> Echo(ProbeRequest request, ServerCallContext context)
    {
        state.NextAttempt(request.Key);
        return Task.FromResult(new ProbeReply { Key = request.Key, Payload = request.Payload, Value = request.Payload.Length });
    }

    public async Task Stream(ProbeRequest request, IServerStreamWriter<ProbeReply> responses, ServerCallContext context)
    {
        var payload = ByteString.CopyFrom(new byte[request.Size]);
        for (var i = 0; i < request.Count; i++)
        {
            await responses.WriteAsync(new ProbeReply { Value = i, Payload = payload }, context.CancellationToken);
        }
    }

    public async Task StreamForever(ProbeRequest request, IServerStreamWriter<ProbeReply> responses, ServerCallContext context)
    {
        var i = 0;
        try
        {
            while (true)
            {
                await responses.WriteAsync(new ProbeReply { Value = i++ }, context.CancellationToken);
                await Task.Delay(5, context.CancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            state.Ended(request.Key, "canceled");
            throw;
        }
    }

    public async Task<ProbeReply> Upload(IAsyncStreamReader<ProbeRequest> requests, ServerCallContext context)
    {
        long total = 0;
        var key = string.Empty;
        try
        {
            while (await requests.MoveNext(context.CancellationToken))
            {
                key = requests.Current.Key;
                total += requests.Current.Payload.Length;
            }
        }
        catch (OperationCanceledException)
        {
            state.Ended(key, "canceled");
            throw;
        }

        state.Ended(key, "completed");
        return new ProbeReply { Key = key, Value = checked((int)total) };
    }

    public async Task Chat(IAsyncStreamReader<ProbeRequest> requests, IServerStreamWriter<ProbeReply> responses, ServerCallContext context)
    {
        var key = string.Empty;
        try
        {
            await foreach (var request in requests.ReadAllAsync(context.CancellationToken))
            {
                key = request.Key;
                await responses.WriteAsync(new ProbeReply { Key = request.Key, Value = request.Count, Payload = request.Payload }, context.CancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            state.Ended(key, "canceled");
            throw;
        }

        state.Ended(key, "completed");
    }
}
