using Mlops.Registry.Application;

namespace Mlops.Registry.Grpc;

/// <summary>
/// The caller until the platform has authentication: in Development the <c>x-mlops-user</c> header, which anyone can
/// set and so is trusted nowhere else; otherwise "anonymous".
/// </summary>
internal sealed class HeaderCallerContext(IHttpContextAccessor httpContextAccessor, IHostEnvironment environment) : ICallerContext
{
    public const string UserHeader = "x-mlops-user";
    public const string Anonymous = "anonymous";

    public string UserName =>
        environment.IsDevelopment() && httpContextAccessor.HttpContext?.Request.Headers[UserHeader].ToString() is { Length: > 0 and <= 256 } user
            ? user
            : Anonymous;
}
