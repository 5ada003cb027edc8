namespace Mlops.Deployment.Application;

/// <summary>The splits a rollout moves through.</summary>
public static class PromotionTraffic
{
    /// <summary>The rollout's steps: the endpoint's canary steps, or one step of 100 for blue/green.</summary>
    public static IReadOnlyList<int> Steps(RolloutPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Mode == RolloutMode.Canary && plan.CanarySteps.Count > 0 ? plan.CanarySteps : [100];
    }

    /// <summary>
    /// <paramref name="percent"/> to the new deployment, the rest shared among the previous weights in their
    /// proportions (largest remainders get the rounding), so the whole still sums to exactly 100.
    /// </summary>
    public static Dictionary<string, int> Split(IReadOnlyDictionary<string, int> previous, string deployment, int percent)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var others = previous.Where(entry => entry.Key != deployment && entry.Value > 0).OrderBy(entry => entry.Key, StringComparer.Ordinal).ToList();
        var rest = 100 - percent;
        var split = new Dictionary<string, int>(StringComparer.Ordinal) { [deployment] = others.Count == 0 ? 100 : percent };
        if (others.Count == 0 || rest == 0)
        {
            return split;
        }

        var total = others.Sum(entry => entry.Value);
        var shares = others.Select(entry => (entry.Key, Exact: (double)entry.Value * rest / total)).ToList();
        var floors = shares.ToDictionary(share => share.Key, share => (int)Math.Floor(share.Exact), StringComparer.Ordinal);
        var left = rest - floors.Values.Sum();
        foreach (var share in shares.OrderByDescending(share => share.Exact - Math.Floor(share.Exact)).ThenBy(share => share.Key, StringComparer.Ordinal).Take(left))
        {
            floors[share.Key]++;
        }

        foreach (var (name, weight) in floors.Where(entry => entry.Value > 0))
        {
            split[name] = weight;
        }

        return split;
    }

    /// <summary>Mirrors that may stay beside <paramref name="weights"/>: never to a weighted deployment.</summary>
    public static Dictionary<string, int> MirrorsBeside(IReadOnlyDictionary<string, int> mirrors, IReadOnlyDictionary<string, int> weights)
    {
        ArgumentNullException.ThrowIfNull(mirrors);
        ArgumentNullException.ThrowIfNull(weights);
        return mirrors.Where(entry => !weights.ContainsKey(entry.Key)).ToDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal);
    }
}
