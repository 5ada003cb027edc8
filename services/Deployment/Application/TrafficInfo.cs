namespace Mlops.Deployment.Application;

/// <summary>
/// An endpoint's traffic split. <see cref="Revision"/> grows by one with every change and is what the etag carries;
/// <see cref="UpdateTime"/> is null until the first change.
/// </summary>
public sealed record TrafficInfo(
    string Endpoint,
    IReadOnlyDictionary<string, int> Weights,
    IReadOnlyDictionary<string, int> Mirrors,
    string StickyHeader,
    long Revision,
    string UpdatedBy,
    DateTimeOffset? UpdateTime)
{
    public bool Routes(string deployment) => Weights.ContainsKey(deployment) || Mirrors.ContainsKey(deployment);
}
