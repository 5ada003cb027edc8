namespace Mlops.Registry.Application.Versions;

/// <summary>A version's source: a run id, a commit, a pipeline URL.</summary>
public static class SourceRules
{
    public const int MaxRunIdLength = 256;
    public const int MaxUrlLength = 2048;

    public static VersionSource Validate(string field, VersionSource? source)
    {
        if (source is null)
        {
            return VersionSource.None;
        }

        return new VersionSource(
            TextRules.Printable($"{field}.run_id", source.RunId, MaxRunIdLength, required: false),
            Commit($"{field}.commit", source.Commit),
            PipelineUrl($"{field}.pipeline_url", source.PipelineUrl));
    }

    private static string Commit(string field, string? commit)
    {
        if (string.IsNullOrEmpty(commit))
        {
            return "";
        }

        var valid = commit.Length is >= 7 and <= 64;
        foreach (var c in commit)
        {
            valid &= char.IsAsciiHexDigit(c);
        }

        return valid
            ? commit
            : throw RegistryException.Invalid($"{field} '{commit}' is invalid: a commit is 7 to 64 hexadecimal characters (a short or full git SHA-1 or SHA-256).");
    }

    private static string PipelineUrl(string field, string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return "";
        }

        if (url.Length > MaxUrlLength)
        {
            throw RegistryException.Invalid($"{field} is too long: at most {MaxUrlLength} characters, not {url.Length}.");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed)
            || parsed.Scheme is not ("http" or "https")
            || parsed.Host.Length == 0
            || url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw RegistryException.Invalid($"{field} '{url}' is invalid: it must be an absolute http or https URL, such as 'https://ci.example.com/pipelines/42'.");
        }

        // Whatever reads versions would read the credentials too.
        return parsed.UserInfo.Length == 0
            ? url
            : throw RegistryException.Invalid($"{field} carries user information (credentials) before the host: leave it out of the URL.");
    }
}
