namespace Mlops.Deployment.Application;

/// <summary>The environments endpoints may live in, in promotion order (<c>Deployment:Environments</c>).</summary>
public sealed class EnvironmentCatalog
{
    public static readonly IReadOnlyList<string> Defaults = ["staging", "production"];

    public EnvironmentCatalog(IReadOnlyList<string> environments)
    {
        ArgumentNullException.ThrowIfNull(environments);
        if (environments.Count == 0 || environments.Any(environment => !DeploymentRules.IsName(environment)))
        {
            throw new ArgumentException(
                "Deployment:Environments must list at least one environment, each 1-63 characters of [a-z0-9-] starting with a letter.", nameof(environments));
        }

        if (environments.Distinct(StringComparer.Ordinal).Count() != environments.Count)
        {
            throw new ArgumentException("Deployment:Environments lists an environment twice.", nameof(environments));
        }

        Ordered = environments;
    }

    public IReadOnlyList<string> Ordered { get; }

    public string Validate(string field, string? environment) =>
        environment is not null && Ordered.Contains(environment, StringComparer.Ordinal)
            ? environment
            : throw DeploymentException.Invalid($"{field} '{environment}' is unknown: it must be one of {string.Join(", ", Ordered)}.");
}
