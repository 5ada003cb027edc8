using System.Globalization;

namespace Mlops.Deployment.Application;

/// <summary>What the deployment service accepts; each refusal names the request field at fault.</summary>
public static class DeploymentRules
{
    public const int MaxNameLength = 63;
    public const int MaxDescriptionLength = 1000;
    public const int MaxLatencyLimitMs = 600_000;
    public const int MaxBakeSeconds = 86_400;
    public const int MaxReplicas = 100;
    public const int MaxMirrorPercent = 50;
    public const int MaxHeaderLength = 100;
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;
    public const string DefaultWorkspace = "default";

    /// <summary>Endpoint, deployment and environment names become parts of URLs and hostnames: DNS labels.</summary>
    public static bool IsName(string? name) =>
        name is { Length: > 0 and <= MaxNameLength }
        && char.IsAsciiLetterLower(name[0])
        && name[^1] != '-'
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    public static string Name(string field, string? name) =>
        IsName(name)
            ? name!
            : throw DeploymentException.Invalid(
                $"{field} '{name}' is invalid: it must have 1 to {MaxNameLength} characters of a-z, 0-9 and '-', start with a letter and not end with '-'.");

    public static string Description(string field, string? description) =>
        (description ?? "").Length <= MaxDescriptionLength
            ? description ?? ""
            : throw DeploymentException.Invalid(Invariant($"{field} is too long: at most {MaxDescriptionLength} characters, not {description!.Length}."));

    public static int LatencyLimit(string field, int milliseconds) =>
        milliseconds is >= 0 and <= MaxLatencyLimitMs
            ? milliseconds
            : throw DeploymentException.Invalid(Invariant($"{field} is {milliseconds}: it must be 0 (no limit) to {MaxLatencyLimitMs}."));

    public static RolloutPlan Rollout(RolloutMode mode, IReadOnlyList<int> canarySteps, int bakeSeconds)
    {
        ArgumentNullException.ThrowIfNull(canarySteps);
        if (bakeSeconds is < 0 or > MaxBakeSeconds)
        {
            throw DeploymentException.Invalid(Invariant($"rollout.bake_seconds is {bakeSeconds}: it must be 0 to {MaxBakeSeconds}."));
        }

        if (mode == RolloutMode.BlueGreen)
        {
            return canarySteps.Count == 0
                ? new RolloutPlan(mode, [], bakeSeconds)
                : throw DeploymentException.Invalid("rollout.canary_steps must be empty for a BLUE_GREEN rollout.");
        }

        if (canarySteps.Count == 0)
        {
            throw DeploymentException.Invalid("rollout.canary_steps is empty: a CANARY rollout needs steps such as 10, 50, 100.");
        }

        for (var i = 0; i < canarySteps.Count; i++)
        {
            if (canarySteps[i] is < 1 or > 100 || (i > 0 && canarySteps[i] <= canarySteps[i - 1]))
            {
                throw DeploymentException.Invalid("rollout.canary_steps must be strictly increasing percentages of 1 to 100.");
            }
        }

        return canarySteps[^1] == 100
            ? new RolloutPlan(mode, canarySteps.ToArray(), bakeSeconds)
            : throw DeploymentException.Invalid(Invariant($"rollout.canary_steps ends at {canarySteps[^1]}: the last step must be 100."));
    }

    public static ModelReference Model(string? workspace, string? modelName, int version, string? alias)
    {
        if (string.IsNullOrEmpty(modelName))
        {
            throw DeploymentException.Invalid("model.model_name is required.");
        }

        if (version < 0)
        {
            throw DeploymentException.Invalid(Invariant($"model.version is {version}: versions are numbered from 1."));
        }

        var hasAlias = !string.IsNullOrEmpty(alias);
        return (version > 0, hasAlias) switch
        {
            (true, true) => throw DeploymentException.Invalid("model: give model.version or model.alias, not both."),
            (false, false) => throw DeploymentException.Invalid("model: give model.version (from 1) or model.alias."),
            _ => new ModelReference(string.IsNullOrEmpty(workspace) ? DefaultWorkspace : workspace, modelName, version, alias ?? ""),
        };
    }

    public static RuntimeSpec Runtime(RuntimeType type, string? externalUrl)
    {
        if (type == RuntimeType.Builtin)
        {
            return string.IsNullOrEmpty(externalUrl)
                ? new RuntimeSpec(type, "")
                : throw DeploymentException.Invalid("runtime.external_url must be empty for a BUILTIN runtime.");
        }

        return Uri.TryCreate(externalUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? new RuntimeSpec(type, externalUrl!)
            : throw DeploymentException.Invalid($"runtime.external_url '{externalUrl}' is invalid: an EXTERNAL runtime needs an absolute http:// or https:// URL.");
    }

    public static int Replicas(int replicas) => replicas switch
    {
        0 => 1,
        < 0 or > MaxReplicas => throw DeploymentException.Invalid(Invariant($"replicas is {replicas}: it must be 1 to {MaxReplicas}, or 0 for 1.")),
        _ => replicas,
    };

    public static int PageSize(int pageSize) => pageSize switch
    {
        0 => DefaultPageSize,
        < 0 or > MaxPageSize => throw DeploymentException.Invalid(Invariant($"page_size is {pageSize}: it must be 1 to {MaxPageSize}, or 0 for {DefaultPageSize}.")),
        _ => pageSize,
    };

    /// <summary>Weights: each 0-100, zeros dropped, summing to exactly 100 (or nothing at all: no traffic).</summary>
    public static Dictionary<string, int> Weights(IReadOnlyDictionary<string, int> weights)
    {
        var kept = Percentages("weights", weights);
        var total = kept.Values.Sum();
        return kept.Count == 0 || total == 100
            ? kept
            : throw DeploymentException.Invalid(Invariant($"weights sum to {total}: they must sum to exactly 100 (or be empty to take the endpoint out of traffic)."));
    }

    /// <summary>Mirrors: each 0-100, zeros dropped, at most 50 in all, never to a deployment that also has a weight.</summary>
    public static Dictionary<string, int> Mirrors(IReadOnlyDictionary<string, int> mirrors, IReadOnlyDictionary<string, int> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var kept = Percentages("mirrors", mirrors);
        var total = kept.Values.Sum();
        if (total > MaxMirrorPercent)
        {
            throw DeploymentException.Invalid(Invariant($"mirrors sum to {total}: at most {MaxMirrorPercent} percent of requests may be mirrored in all."));
        }

        var both = kept.Keys.FirstOrDefault(weights.ContainsKey);
        return both is null
            ? kept
            : throw DeploymentException.Invalid($"mirrors names deployment '{both}', which also has a weight: a deployment either takes traffic or mirrors it.");
    }

    public static string StickyHeader(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return "";
        }

        // Lower case only: HTTP/2 header names are, and the gateway compares them as given.
        var valid = header.Length <= MaxHeaderLength
            && header.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.')
            && !header.StartsWith(':');
        return valid
            ? header
            : throw DeploymentException.Invalid(Invariant($"sticky_header '{header}' is invalid: a lower-case HTTP header name (a-z, 0-9, '-', '_', '.') of at most {MaxHeaderLength} characters."));
    }

    /// <summary>The revision an etag carries, or null for an empty etag (an unconditional change).</summary>
    public static long? Etag(string? etag)
    {
        if (string.IsNullOrEmpty(etag))
        {
            return null;
        }

        return etag.Length > 2 && etag[0] == '"' && etag[^1] == '"'
            && long.TryParse(etag.AsSpan(1, etag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
            ? revision
            : throw DeploymentException.Invalid($"etag '{etag}' is invalid: pass the etag of a GetTraffic or SetTraffic response, or nothing.");
    }

    public static string EtagOf(long revision) => Invariant($"\"{revision}\"");

    private static Dictionary<string, int> Percentages(string field, IReadOnlyDictionary<string, int> percentages)
    {
        ArgumentNullException.ThrowIfNull(percentages);
        var kept = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (deployment, percent) in percentages)
        {
            if (percent is < 0 or > 100)
            {
                throw DeploymentException.Invalid(Invariant($"{field}['{deployment}'] is {percent}: a percentage must be 0 to 100."));
            }

            if (percent > 0)
            {
                kept[deployment] = percent;
            }
        }

        return kept;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
