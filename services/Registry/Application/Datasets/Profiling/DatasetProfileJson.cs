using System.Text.Json;

namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>
/// The stored form of a profile (PostgreSQL jsonb, gRPC). The same profile always gives the same bytes: properties
/// in declaration order, numbers in their shortest round-trip form, no indentation.
/// </summary>
public static class DatasetProfileJson
{
    public static byte[] SerializeToUtf8Bytes(DatasetProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return JsonSerializer.SerializeToUtf8Bytes(profile, DatasetProfileJsonContext.Default.DatasetProfile);
    }

    public static string Serialize(DatasetProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return JsonSerializer.Serialize(profile, DatasetProfileJsonContext.Default.DatasetProfile);
    }

    /// <exception cref="NotSupportedException">The profile_version is not <see cref="DatasetProfile.CurrentVersion"/>.</exception>
    /// <exception cref="JsonException">The JSON is not a profile.</exception>
    public static DatasetProfile Deserialize(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        using var document = JsonDocument.ParseValue(ref reader);
        return Deserialize(document);
    }

    /// <inheritdoc cref="Deserialize(ReadOnlySpan{byte})"/>
    public static DatasetProfile Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        return Deserialize(document);
    }

    private static DatasetProfile Deserialize(JsonDocument document)
    {
        // The version is read first: a later version may not even have the shape this one expects.
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("profile_version", out var version)
            || version.ValueKind != JsonValueKind.Number)
        {
            throw new JsonException("A dataset profile is a JSON object with a numeric profile_version.");
        }

        if (!version.TryGetInt32(out var number) || number != DatasetProfile.CurrentVersion)
        {
            throw new NotSupportedException($"Dataset profile version {version} is not supported; this registry reads version {DatasetProfile.CurrentVersion}.");
        }

        return document.Deserialize(DatasetProfileJsonContext.Default.DatasetProfile)
            ?? throw new JsonException("A dataset profile is a JSON object, not null.");
    }
}
