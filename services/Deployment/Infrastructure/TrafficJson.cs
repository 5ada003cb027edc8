using System.Text.Json;

namespace Mlops.Deployment.Infrastructure;

/// <summary>Weights and mirrors as stored: a jsonb object of deployment name to percent.</summary>
internal static class TrafficJson
{
    public const string Empty = "{}";

    public static string Write(IReadOnlyDictionary<string, int> percentages) => JsonSerializer.Serialize(percentages);

    public static IReadOnlyDictionary<string, int> Read(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(json) ?? new Dictionary<string, int>();
}
