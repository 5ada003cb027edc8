using System.Globalization;

namespace Mlops.Registry.Application.Versions;

/// <summary>Bounded free text without control characters, for names and ids that end up in logs and messages.</summary>
internal static class TextRules
{
    public static string Printable(string field, string? value, int maxLength, bool required)
    {
        value ??= "";
        if (value.Length == 0)
        {
            return required ? throw RegistryException.Invalid($"{field} is empty: it needs 1 to {maxLength} characters.") : "";
        }

        if (value.Length > maxLength)
        {
            throw RegistryException.Invalid(string.Create(CultureInfo.InvariantCulture, $"{field} is too long: at most {maxLength} characters, not {value.Length}."));
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsControl(value[i]))
            {
                throw RegistryException.Invalid(string.Create(
                    CultureInfo.InvariantCulture, $"{field} has a control character (U+{(int)value[i]:X4}) at position {i}: control characters are not allowed."));
            }
        }

        return value;
    }
}
