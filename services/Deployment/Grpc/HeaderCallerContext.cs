using Mlops.Identity;
using Mlops.Deployment.Application;

namespace Mlops.Deployment.Grpc;

/// <summary>
/// The caller until the platform has authentication: in Development the <c>x-mlops-user</c> and <c>x-mlops-groups</c>
/// (comma-separated) headers (as the registry reads them), which anyone can set and so are trusted nowhere else;
/// otherwise "anonymous" in no group.
/// </summary>
internal sealed class HeaderCallerContext(IHttpContextAccessor httpContextAccessor, IHostEnvironment environment) : ICallerContext
{
    public const string UserHeader = CallerHeaders.UserHeader;
    public const string GroupsHeader = CallerHeaders.GroupsHeader;
    public const string Anonymous = CallerHeaders.Anonymous;

    public string UserName => CallerHeaders.UserName(Header(UserHeader));

    public IReadOnlySet<string> Groups => CallerHeaders.Groups(Header(GroupsHeader));

    private string? Header(string name) =>
        environment.IsDevelopment() ? httpContextAccessor.HttpContext?.Request.Headers[name].ToString() : null;
}
