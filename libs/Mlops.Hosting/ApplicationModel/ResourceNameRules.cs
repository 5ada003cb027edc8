using System.Text.RegularExpressions;

namespace Mlops.Hosting.ApplicationModel;

/// <summary>Names that are valid as a configuration key segment and an environment variable part: what Aspire allows.</summary>
internal static partial class ResourceNameRules
{
    public static string Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!ValidName().IsMatch(name))
        {
            throw new ArgumentException($"Resource name '{name}' is invalid: use 1-64 ASCII letters, digits and '-', starting with a letter.", nameof(name));
        }

        return name;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9-]{0,63}$")]
    private static partial Regex ValidName();
}
