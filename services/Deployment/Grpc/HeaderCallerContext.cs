using Mlops.Deployment.Application;

namespace Mlops.Deployment.Grpc;

/// <summary>
/// The caller until the platform has authentication: in Development the <c>x-mlops-user</c> and <c>x-mlops-groups</c>
/// (comma-separated) headers (as the registry reads them), which anyone can set and so are trusted nowhere else;
/// otherwise "anonymous" in no group.
/// </summary>
internal sealed class HeaderCallerContext(IHttpContextAccessor httpContextAccessor, IHostEnvironment environment) : ICallerContext
{
    public const string UserHeader = "x-mlops-user";
    public const string GroupsHeader = "x-mlops-groups";
    public const string Anonymous = "anonymous";
    private const int MaxLength = 256;

    public string UserName =>
        Header(UserHeader) is { Length: > 0 and <= MaxLength } user ? user : Anonymous;

    public IReadOnlySet<string> Groups =>
        Header(GroupsHeader) is { Length: > 0 } groups
            ? groups.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(group => group.Length <= MaxLength).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);

    private string? Header(string name) =>
        environment.IsDevelopment() ? httpContextAccessor.HttpContext?.Request.Headers[name].ToString() : null;
}
