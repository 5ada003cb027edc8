using Mlops.Grpc;

namespace Mlops.Deployment.Tests.Infrastructure;

public static class Refusals
{
    /// <summary>The call fails with <paramref name="code"/>; returns the status message for further checks.</summary>
    public static async Task<string> AssertAsync(StatusCode code, Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(e.StatusCode == code, $"Expected {code}, got {e.StatusCode}: {e.Status.Detail}");
        return e.Status.Detail;
    }
}
