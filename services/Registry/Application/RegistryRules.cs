using System.Globalization;

namespace Mlops.Registry.Application;

/// <summary>The contract's rules for names, descriptions, tags and digests (mlops.registry.v1).</summary>
public static class RegistryRules
{
    public const string DefaultWorkspace = "default";
    public const int MaxNameLength = 128;
    public const int MaxDescriptionLength = 4000;
    public const int MaxTags = 50;
    public const int MaxTagKeyLength = 128;
    public const int MaxTagValueLength = 1024;
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public static string Workspace(string field, string? workspace) =>
        Name(field, string.IsNullOrEmpty(workspace) ? DefaultWorkspace : workspace);

    public static string Name(string field, string? name)
    {
        var valid = name is { Length: > 0 and <= MaxNameLength } && char.IsAsciiLetterOrDigit(name[0]);
        foreach (var c in name ?? "")
        {
            valid &= char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';
        }

        return valid
            ? name!
            : throw RegistryException.Invalid(
                $"{field} '{name}' is invalid: it must have 1 to {MaxNameLength} characters, letters, digits, '-', '_' and '.', starting with a letter or digit.");
    }

    public static string Description(string field, string? description) =>
        (description ?? "").Length <= MaxDescriptionLength
            ? description ?? ""
            : throw RegistryException.Invalid($"{field} is too long: at most {MaxDescriptionLength} characters, not {description!.Length}.");

    public static IReadOnlyDictionary<string, string> Tags(string field, IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (tags.Count > MaxTags)
        {
            throw RegistryException.Invalid($"{field} has {tags.Count} tags: at most {MaxTags} are allowed.");
        }

        foreach (var (key, value) in tags)
        {
            if (key.Length is 0 or > MaxTagKeyLength)
            {
                throw RegistryException.Invalid($"{field} key '{key}' is invalid: a tag key has 1 to {MaxTagKeyLength} characters.");
            }

            if (value.Length > MaxTagValueLength)
            {
                throw RegistryException.Invalid($"{field}['{key}'] is too long: a tag value has at most {MaxTagValueLength} characters, not {value.Length}.");
            }
        }

        return tags;
    }

    public static string Sha256(string field, string? digest)
    {
        var valid = digest is { Length: 64 };
        foreach (var c in digest ?? "")
        {
            valid &= char.IsAsciiDigit(c) || c is >= 'a' and <= 'f';
        }

        return valid ? digest! : throw RegistryException.Invalid($"{field} '{digest}' is invalid: it must be 64 lower-case hexadecimal characters (a SHA-256).");
    }

    public static long? Size(string field, long size) => size switch
    {
        < 0 => throw RegistryException.Invalid($"{field} is {size}: it must not be negative (0 means unknown)."),
        0 => null,
        _ => size,
    };

    public static int PageSize(int pageSize) => pageSize switch
    {
        0 => DefaultPageSize,
        < 0 or > MaxPageSize => throw RegistryException.Invalid(
            string.Create(CultureInfo.InvariantCulture, $"page_size is {pageSize}: it must be 1 to {MaxPageSize}, or 0 for {DefaultPageSize}.")),
        _ => pageSize,
    };

    public static int Version(int version) =>
        version > 0 ? version : throw RegistryException.Invalid(string.Create(CultureInfo.InvariantCulture, $"version is {version}: versions are numbered from 1."));

    public static string FileName(string? fileName) => string.IsNullOrEmpty(fileName) ? "artifact" : fileName;
}
