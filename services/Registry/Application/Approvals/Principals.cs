using Mlops.Identity;

namespace Mlops.Registry.Application.Approvals;

/// <summary>
/// Who an approval policy names: <c>user:&lt;name&gt;</c> matches <see cref="ICallerContext.UserName"/>,
/// <c>group:&lt;name&gt;</c> one of <see cref="ICallerContext.Groups"/>. Names are compared exactly, case included.
/// </summary>
public static class Principals
{
    public const string UserPrefix = Principal.UserPrefix;
    public const string GroupPrefix = Principal.GroupPrefix;
    public const int MaxNameLength = Principal.MaxNameLength;

    /// <summary>The user name the caller context gives a caller it cannot identify.</summary>
    public const string Anonymous = CallerHeaders.Anonymous;

    public static bool IsIdentified(ICallerContext caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return !string.Equals(caller.UserName, Anonymous, StringComparison.Ordinal);
    }

    public static bool Matches(string principal, ICallerContext caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return Principal.Matches(principal, caller.UserName, caller.Groups);
    }

    public static string Parse(string field, string? principal) =>
        Principal.IsValid(principal) ? principal! : throw RegistryException.Invalid(Principal.InvalidMessage(field, principal));
}
