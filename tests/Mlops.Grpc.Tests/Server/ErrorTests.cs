using Microsoft.Extensions.Logging;
using Mlops.Grpc.Tests.Infrastructure;
using Mlops.Testing;

namespace Mlops.Grpc.Tests.Server;

[Collection(SharedServerCollection.Name)]
public sealed class ErrorTests(SharedServerFixture fixture)
{
    [Fact]
    public async Task An_unhandled_exception_is_UNKNOWN_with_no_detail_on_the_wire_and_logged_on_the_server()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => fixture.Server.Channel.UnaryAsync(Methods.Crash, new ProbeRequest { Key = "k1" }).ResponseAsync);

        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
        Assert.Equal("Exception was thrown by handler.", ex.Status.Detail);
        Assert.DoesNotContain("secret", ex.Status.Detail);
        Assert.Empty(ex.Trailers);
        var logged = fixture.Server.Logs.Entries.Where(e => e.Level == LogLevel.Error && e.Exception?.Message == "secret internal detail k1");
        Assert.Single(logged);
        Assert.Contains("/mlops.testing.ProbeService/Crash", logged.Single().Message);
    }

    [Fact]
    public async Task A_rich_error_carries_google_rpc_Status_details()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => fixture.Server.Channel.UnaryAsync(Methods.RichError, new ProbeRequest { Key = "rich" }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal("The model version is not approved.", ex.Status.Detail);
        Assert.NotNull(ex.RichStatus);
        Assert.Equal((int)StatusCode.FailedPrecondition, ex.RichStatus.Code);
        var detail = Assert.Single(ex.RichStatus.Details);
        Assert.True(detail.Is(ProbeReply.Descriptor));
        Assert.Equal(new ProbeReply { Key = "rich", Value = 42 }, detail.Unpack<ProbeReply>());
    }
}
