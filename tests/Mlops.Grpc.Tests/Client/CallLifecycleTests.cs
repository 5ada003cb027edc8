using System.Collections.Concurrent;
using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Mlops.Grpc.Client;
using Mlops.Grpc.Tests.Infrastructure;
using Mlops.Testing;

namespace Mlops.Grpc.Tests.Client;

/// <summary>What the client does with its resources, deadlines and the server's early answers.</summary>
[Collection(SharedServerCollection.Name)]
public sealed class CallLifecycleTests(SharedServerFixture fixture)
{
    private GrpcChannel Channel => fixture.Server.Channel;

    [Fact]
    public async Task Calls_the_server_ends_before_the_client_half_closes_do_not_use_up_the_connection()
    {
        using var channel = fixture.Server.CreateChannel(new GrpcChannelOptions());
        for (var i = 0; i < 300; i++)
        {
            using var call = channel.DuplexStreaming(Methods.FullDuplexCall);
            await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { ResponseStatus = new EchoStatus { Code = 5, Message = "early" } });
            var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());
            Assert.True(ex.StatusCode == StatusCode.NotFound, $"iteration {i}: {ex}");
        }

        Assert.NotNull(await channel.UnaryAsync(Methods.EmptyCall, new Empty()));
    }

    [Fact]
    public async Task A_server_context_deadline_of_MaxValue_or_far_away_means_no_deadline()
    {
        Assert.NotNull(await Channel.UnaryAsync(Methods.EmptyCall, new Empty(), new CallOptions(Deadline: DateTime.MaxValue)));
        Assert.NotNull(await Channel.UnaryAsync(Methods.EmptyCall, new Empty(), new CallOptions(Deadline: DateTime.UtcNow.AddDays(60))));

        using var stream = Channel.ServerStreaming(Methods.Stream, new ProbeRequest { Count = 2 }, new CallOptions(Deadline: DateTime.MaxValue));
        Assert.Equal(2, await stream.ResponseStream.ReadAllAsync().CountAsync());
    }

    [Fact]
    public void Local_deadlines_are_converted_to_UTC()
    {
        var local = new DateTime(2030, 1, 1, 12, 0, 0, DateTimeKind.Local);
        var normalized = GrpcCall<Empty, Empty>.NormalizeDeadline(local);
        Assert.Equal(DateTimeKind.Utc, normalized!.Value.Kind);
        Assert.Equal(local.ToUniversalTime(), normalized);
        Assert.Null(GrpcCall<Empty, Empty>.NormalizeDeadline(DateTime.MaxValue));
    }

    [Fact]
    public async Task Canceling_during_a_retry_backoff_ends_the_call_as_CANCELLED()
    {
        var slow = new RetryPolicy { MaxAttempts = 5, InitialBackoff = TimeSpan.FromSeconds(20), MaxBackoff = TimeSpan.FromSeconds(20) };
        using var channel = fixture.Server.CreateChannel(new GrpcChannelOptions { Retry = slow });
        using var cts = new CancellationTokenSource();
        using var call = channel.UnaryAsync(Methods.FlakyIdempotent, new ProbeRequest { Key = "cancel-backoff", Count = 100 }, new CallOptions(CancellationToken: cts.Token));
        while (fixture.Server.Probe.Attempts("cancel-backoff") < 1)
        {
            await Task.Delay(20);
        }

        await cts.CancelAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().Code);
        await Task.WhenAny(call.ResponseHeadersAsync, Task.Delay(5000));
        Assert.True(call.ResponseHeadersAsync.IsCompleted);
    }

    [Fact]
    public async Task Disposing_during_a_retry_backoff_stops_the_retries()
    {
        var policy = new RetryPolicy { MaxAttempts = 10, InitialBackoff = TimeSpan.FromMilliseconds(300), MaxBackoff = TimeSpan.FromMilliseconds(300), BackoffMultiplier = 1 };
        using var channel = fixture.Server.CreateChannel(new GrpcChannelOptions { Retry = policy });
        var call = channel.UnaryAsync(Methods.FlakyIdempotent, new ProbeRequest { Key = "dispose-backoff", Count = 100 });
        while (fixture.Server.Probe.Attempts("dispose-backoff") < 1)
        {
            await Task.Delay(20);
        }

        call.Dispose();
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        var attempts = fixture.Server.Probe.Attempts("dispose-backoff");
        await Task.Delay(1000);
        Assert.Equal(attempts, fixture.Server.Probe.Attempts("dispose-backoff"));
        Assert.True(attempts <= 2);
    }

    [Fact]
    public async Task Failed_calls_leave_no_unobserved_task_exceptions()
    {
        var marker = Guid.NewGuid().ToString("N");
        var unobserved = new ConcurrentBag<Exception>();
        void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e)
        {
            if (e.Exception.ToString().Contains(marker, StringComparison.Ordinal) || e.Exception.InnerExceptions.Any(x => x is RpcException { StatusCode: StatusCode.DeadlineExceeded }))
            {
                unobserved.Add(e.Exception);
            }
        }

        TaskScheduler.UnobservedTaskException += OnUnobserved;
        try
        {
            for (var i = 0; i < 20; i++)
            {
                await Assert.ThrowsAsync<RpcException>(() => Channel.UnaryAsync(
                    Methods.UnaryCall, new SimpleRequest { ResponseStatus = new EchoStatus { Code = 5, Message = marker } }).ResponseAsync);
                await Assert.ThrowsAsync<RpcException>(() => Channel.UnaryAsync(
                    Methods.Sleep, new ProbeRequest { Key = "unobserved-sleep" }, CallOptions.WithTimeout(TimeSpan.FromMilliseconds(20))).ResponseAsync);
            }

            for (var i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                await Task.Delay(100);
            }
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= OnUnobserved;
        }

        Assert.Empty(unobserved);
    }

    [Theory]
    [InlineData(503, "8", StatusCode.ResourceExhausted)]
    [InlineData(415, "13", StatusCode.Internal)]
    [InlineData(503, null, StatusCode.Unavailable)]
    [InlineData(404, null, StatusCode.Unimplemented)]
    public async Task A_non_200_response_is_read_by_its_grpc_status_first_then_by_the_HTTP_status(int httpStatus, string? grpcStatus, StatusCode expected)
    {
        // A stand-in for a proxy or a foreign server: the client is the subject here.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        app.MapPost("/grpc.testing.TestService/EmptyCall", (HttpContext http) =>
        {
            http.Response.StatusCode = httpStatus;
            if (grpcStatus is not null)
            {
                http.Response.Headers["grpc-status"] = grpcStatus;
                http.Response.Headers["grpc-message"] = "from the status header";
            }

            return Task.CompletedTask;
        });
        await app.StartAsync();
        try
        {
            using var channel = GrpcChannel.ForAddress(app.Urls.First(), new GrpcChannelOptions { Retry = RetryPolicy.None });
            var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(Methods.EmptyCall, new Empty()).ResponseAsync);
            Assert.Equal(expected, ex.StatusCode);
            if (grpcStatus is not null)
            {
                Assert.Equal("from the status header", ex.Status.Detail);
            }
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
