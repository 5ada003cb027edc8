using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting.Internal;
using Mlops.Registry.Grpc;

namespace Mlops.Registry.Tests;

public sealed class CallerContextTests
{
    [Theory]
    [InlineData("Development", "alice", "alice")]
    [InlineData("Development", "", "anonymous")]
    [InlineData("Production", "alice", "anonymous")]
    [InlineData("Staging", "alice", "anonymous")]
    public void The_user_header_is_trusted_only_in_Development(string environment, string header, string expected)
    {
        var httpContext = new DefaultHttpContext();
        if (header.Length > 0)
        {
            httpContext.Request.Headers[HeaderCallerContext.UserHeader] = header;
        }

        var caller = new HeaderCallerContext(new HttpContextAccessor { HttpContext = httpContext }, new HostingEnvironment { EnvironmentName = environment });

        Assert.Equal(expected, caller.UserName);
    }
}
