using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Mlops.Grpc.Client;
using Mlops.Grpc.Server;
using Mlops.Grpc.Tests.Infrastructure;
using Mlops.Testing;

namespace Mlops.Grpc.Tests.Server;

public sealed class InterceptorTests : IAsyncLifetime
{
    private readonly CallJournal _journal = new();
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(builder =>
    {
        builder.Services.AddSingleton(_journal);
        builder.Services.Configure<GrpcServerOptions>(o => o.AddInterceptor<RecordingInterceptor>().AddInterceptor<BearerTokenInterceptor>());
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_interceptor_can_refuse_a_call_before_the_handler_runs()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => _server.Channel.UnaryAsync(Methods.Echo, new ProbeRequest { Key = "anonymous" }).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        Assert.Equal(0, _server.Probe.Attempts("anonymous"));
        Assert.Contains("/mlops.testing.ProbeService/Echo -> Unauthenticated", _journal.Lines);
    }

    [Fact]
    public async Task Interceptors_wrap_the_handler_in_order_and_see_its_status()
    {
        var headers = new Metadata().Add("authorization", "Bearer good");
        var reply = await _server.Channel.UnaryAsync(Methods.Echo, new ProbeRequest { Key = "authorized" }, new CallOptions(headers));
        await Assert.ThrowsAsync<RpcException>(() => _server.Channel.UnaryAsync(Methods.RichError, new ProbeRequest(), new CallOptions(headers)).ResponseAsync);

        Assert.Equal("authorized", reply.Key);
        Assert.Equal(1, _server.Probe.Attempts("authorized"));
        Assert.Contains("/mlops.testing.ProbeService/Echo -> OK (user good)", _journal.Lines);
        Assert.Contains("/mlops.testing.ProbeService/RichError -> FailedPrecondition", _journal.Lines);
    }

    public sealed class CallJournal
    {
        public ConcurrentQueue<string> Lines { get; } = new();
    }

    /// <summary>The outer interceptor: sees every outcome, including refusals by inner ones.</summary>
    public sealed class RecordingInterceptor(CallJournal journal) : IServerInterceptor
    {
        public async Task InterceptAsync(ServerCallContext context, ServerCallContinuation next)
        {
            try
            {
                await next(context);
                journal.Lines.Enqueue($"{context.Method} -> {context.Status.Code} (user {context.UserState["user"]})");
            }
            catch (RpcException ex)
            {
                journal.Lines.Enqueue($"{context.Method} -> {ex.StatusCode}");
                throw;
            }
        }
    }

    public sealed class BearerTokenInterceptor : IServerInterceptor
    {
        public Task InterceptAsync(ServerCallContext context, ServerCallContinuation next)
        {
            if (context.RequestHeaders.GetValue("authorization") is not { } value || !value.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                throw new RpcException(StatusCode.Unauthenticated, "A bearer token is required.");
            }

            context.UserState["user"] = value["Bearer ".Length..];
            return next(context);
        }
    }
}
