using System.Globalization;

namespace Mlops.Registry.Application.Aliases;

/// <summary>The contract's rules for alias names and model URIs (mlops.registry.v1.ModelAliases).</summary>
public static class AliasRules
{
    public const int MaxLength = 64;

    /// <summary>Reserved: always the model's highest version, never set by anyone.</summary>
    public const string Latest = "latest";

    public const int MaxAliasesPerModel = 100;
    public const string UriPrefix = "models:/";

    /// <summary>A name that may be set: 1-64 of [a-z0-9-_], not only digits (those are version numbers), not "latest".</summary>
    public static string Name(string field, string? alias)
    {
        if (alias == Latest)
        {
            throw RegistryException.Invalid($"{field} '{Latest}' is reserved: it always resolves to the highest version and cannot be set, moved or deleted.");
        }

        var valid = alias is { Length: > 0 and <= MaxLength } && !alias.All(char.IsAsciiDigit);
        foreach (var c in alias ?? "")
        {
            valid &= char.IsAsciiDigit(c) || c is (>= 'a' and <= 'z') or '-' or '_';
        }

        return valid
            ? alias!
            : throw RegistryException.Invalid(
                $"{field} '{alias}' is invalid: it must have 1 to {MaxLength} characters, lower-case letters, digits, '-' and '_', and not only digits.");
    }

    /// <summary>A name that may be read: one that may be set, or "latest".</summary>
    public static string NameOrLatest(string field, string? alias) => alias == Latest ? Latest : Name(field, alias);

    /// <summary>"models:/&lt;name&gt;@&lt;alias&gt;" or "models:/&lt;name&gt;/&lt;version&gt;"; model names hold neither '@' nor '/'.</summary>
    public static ModelUri ParseUri(string field, string? uri)
    {
        if (uri is null || !uri.StartsWith(UriPrefix, StringComparison.Ordinal))
        {
            throw RegistryException.Invalid($"{field} '{uri}' is invalid: it must be 'models:/<name>@<alias>' or 'models:/<name>/<version>'.");
        }

        var path = uri[UriPrefix.Length..];
        var at = path.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            return new ModelUri(RegistryRules.Name($"{field} model name", path[..at]), NameOrLatest($"{field} alias", path[(at + 1)..]), null);
        }

        var slash = path.LastIndexOf('/');
        if (slash < 0)
        {
            throw RegistryException.Invalid($"{field} '{uri}' names no version: add '@<alias>' or '/<version>' after the model name.");
        }

        return int.TryParse(path.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? new ModelUri(RegistryRules.Name($"{field} model name", path[..slash]), null, version)
            : throw RegistryException.Invalid($"{field} '{uri}' is invalid: after the last '/' comes a version number, 1 or more.");
    }
}
