namespace Mlops.Identity;

/// <summary>
/// A principal an approval policy or a promotion route names: <c>user:&lt;name&gt;</c> matches the caller's user name,
/// <c>group:&lt;name&gt;</c> one of the caller's groups. Names are compared exactly, case included.
/// </summary>
public static class Principal
{
    public const string UserPrefix = "user:";
    public const string GroupPrefix = "group:";
    public const int MaxNameLength = 256;

    public static bool Matches(string principal, string userName, IReadOnlySet<string> groups)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(groups);
        return principal.StartsWith(UserPrefix, StringComparison.Ordinal)
            ? string.Equals(principal[UserPrefix.Length..], userName, StringComparison.Ordinal)
            : principal.StartsWith(GroupPrefix, StringComparison.Ordinal) && groups.Contains(principal[GroupPrefix.Length..]);
    }

    public static bool IsValid(string? principal)
    {
        var name = principal switch
        {
            null => null,
            _ when principal.StartsWith(UserPrefix, StringComparison.Ordinal) => principal[UserPrefix.Length..],
            _ when principal.StartsWith(GroupPrefix, StringComparison.Ordinal) => principal[GroupPrefix.Length..],
            _ => null,
        };

        // Groups arrive comma-separated and trimmed, so a name with a comma or surrounding blanks could never match.
        return name is { Length: > 0 and <= MaxNameLength }
            && name.Trim().Length == name.Length
            && !name.Contains(',', StringComparison.Ordinal)
            && !name.Any(char.IsControl);
    }

    /// <summary>What an INVALID_ARGUMENT says of <paramref name="principal"/>, given in <paramref name="field"/>.</summary>
    public static string InvalidMessage(string field, string? principal) =>
        $"{field} '{principal}' is invalid: it must be 'user:<name>' or 'group:<name>' with a name of 1 to {MaxNameLength} characters, no commas, no surrounding blanks.";
}
