using Mlops.Deployment.Application;

namespace Mlops.Deployment.Grpc;

/// <summary>
/// The caller until the platform has authentication: in Development the <c>x-mlops-user</c> header (as the registry
/// reads it), which anyone can set and so is trusted nowhere else; otherwise "anonymous".
/// </summary>
internal sealed class HeaderCallerContext(IHttpContextAccessor httpContextAccessor, IHostEnvironment environment) : ICallerContext
{
    public const string UserHeader = "x-mlops-user";
    public const string Anonymous = "anonymous";
    private const int MaxLength = 256;

    public string UserName =>
        Header(UserHeader) is { Length: > 0 and <= MaxLength } user ? user : Anonymous;

    private string? Header(string name) =>
        environment.IsDevelopment() ? httpContextAccessor.HttpContext?.Request.Headers[name].ToString() : null;
}
