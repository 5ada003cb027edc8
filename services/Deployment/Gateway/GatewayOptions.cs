namespace Mlops.Deployment.Gateway;

/// <summary>The inference gateway's settings, section <c>Deployment:Gateway</c>.</summary>
public sealed class GatewayOptions
{
    public const string Section = "Deployment:Gateway";

    /// <summary>Where fetched artifacts are kept, one file per SHA-256; a folder under the temp directory when empty.</summary>
    public string ArtifactCache { get; set; } = string.Empty;

    /// <summary>How often the served deployments are compared with the database when nothing nudges the gateway.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The share of requests (0..1) published as inference records.</summary>
    public double RecordSampleRate { get; set; }

    /// <summary>Records waiting for the publisher; beyond this many, new ones are dropped and counted.</summary>
    public int RecordQueueCapacity { get; set; } = 10_000;

    /// <summary>The longest wait between two attempts to load a deployment that failed.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public string ResolvedArtifactCache() =>
        string.IsNullOrWhiteSpace(ArtifactCache) ? Path.Combine(Path.GetTempPath(), "mlops-deployment-artifacts") : ArtifactCache;
}
