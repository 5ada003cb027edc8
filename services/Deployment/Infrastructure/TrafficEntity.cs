namespace Mlops.Deployment.Infrastructure;

/// <summary>
/// One row per endpoint, created with it. Every change locks it and bumps <see cref="Revision"/>: the row is both the
/// split and the endpoint's lock for whatever must agree with the split (deleting a deployment).
/// </summary>
public sealed class TrafficEntity
{
    public required string Endpoint { get; init; }

    /// <summary>jsonb: deployment name to percent.</summary>
    public required string Weights { get; set; }

    /// <summary>jsonb: deployment name to percent.</summary>
    public required string Mirrors { get; set; }

    public required string StickyHeader { get; set; }

    public required long Revision { get; set; }

    public required string UpdatedBy { get; set; }

    public DateTimeOffset? UpdateTime { get; set; }
}
