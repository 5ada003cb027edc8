using System.Collections.Frozen;

namespace Mlops.Deployment.Gateway;

/// <summary>
/// An endpoint as the gateway routes it: its deployments by name and its traffic. A request lands in a bucket
/// 0..99 — random, or the stable hash of the sticky header's value — and the weights, in deployment name order,
/// share the buckets out.
/// </summary>
public sealed class EndpointRoutes
{
    private readonly (ServedDeployment Deployment, int UpTo)[] _buckets;

    public EndpointRoutes(
        string name, FrozenDictionary<string, ServedDeployment> deployments, IReadOnlyDictionary<string, int> weights, IReadOnlyDictionary<string, int> mirrors,
        string stickyHeader)
    {
        ArgumentNullException.ThrowIfNull(deployments);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(mirrors);
        Name = name;
        Deployments = deployments;
        StickyHeader = stickyHeader;
        var upTo = 0;
        _buckets = [.. weights.Where(w => w.Value > 0 && deployments.ContainsKey(w.Key)).OrderBy(w => w.Key, StringComparer.Ordinal)
            .Select(w => (deployments[w.Key], upTo += w.Value))];
        Mirrors = [.. mirrors.Where(m => m.Value > 0 && deployments.ContainsKey(m.Key)).OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => (deployments[m.Key], m.Value))];
    }

    public string Name { get; }

    public FrozenDictionary<string, ServedDeployment> Deployments { get; }

    /// <summary>The header whose value pins a caller to a deployment; empty for none.</summary>
    public string StickyHeader { get; }

    public IReadOnlyList<(ServedDeployment Deployment, int Percent)> Mirrors { get; }

    public bool HasTraffic => _buckets.Length > 0;

    /// <summary>The deployment for a request: by the sticky value when there is one, else at random by weight.</summary>
    public ServedDeployment? Pick(string? stickyValue)
    {
        if (_buckets.Length == 0)
        {
            return null;
        }

        // The buckets of weights whose deployment is missing are spread by scaling to the weights that remain.
        var total = _buckets[^1].UpTo;
        var bucket = stickyValue is null ? Random.Shared.Next(total) : (int)(StableHash.Of(stickyValue) % (uint)total);
        foreach (var (deployment, upTo) in _buckets)
        {
            if (bucket < upTo)
            {
                return deployment;
            }
        }

        return _buckets[^1].Deployment;
    }
}
