namespace Mlops.Registry.Application.Approvals;

/// <summary>
/// Who an approval policy names: <c>user:&lt;name&gt;</c> matches <see cref="ICallerContext.UserName"/>,
/// <c>group:&lt;name&gt;</c> one of <see cref="ICallerContext.Groups"/>. Names are compared exactly, case included.
/// </summary>
public static class Principals
{
    public const string UserPrefix = "user:";
    public const string GroupPrefix = "group:";
    public const int MaxNameLength = 256;

    /// <summary>The user name the caller context gives a caller it cannot identify.</summary>
    public const string Anonymous = "anonymous";

    public static bool IsIdentified(ICallerContext caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return !string.Equals(caller.UserName, Anonymous, StringComparison.Ordinal);
    }

    public static bool Matches(string principal, ICallerContext caller)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(caller);
        return principal.StartsWith(UserPrefix, StringComparison.Ordinal)
            ? string.Equals(principal[UserPrefix.Length..], caller.UserName, StringComparison.Ordinal)
            : principal.StartsWith(GroupPrefix, StringComparison.Ordinal) && caller.Groups.Contains(principal[GroupPrefix.Length..]);
    }

    public static string Parse(string field, string? principal)
    {
        var name = principal switch
        {
            null => null,
            _ when principal.StartsWith(UserPrefix, StringComparison.Ordinal) => principal[UserPrefix.Length..],
            _ when principal.StartsWith(GroupPrefix, StringComparison.Ordinal) => principal[GroupPrefix.Length..],
            _ => null,
        };

        // Groups arrive comma-separated and trimmed, so a name with a comma or surrounding blanks could never match.
        var valid = name is { Length: > 0 and <= MaxNameLength }
            && name.Trim().Length == name.Length
            && !name.Contains(',', StringComparison.Ordinal)
            && !name.Any(char.IsControl);
        return valid
            ? principal!
            : throw RegistryException.Invalid(
                $"{field} '{principal}' is invalid: it must be 'user:<name>' or 'group:<name>' with a name of 1 to {MaxNameLength} characters, no commas, no surrounding blanks.");
    }
}
