using System.Text.Json.Serialization;

namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>The profile's JSON form: snake_case names, enums as their snake_case names, nulls written out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(DatasetProfile))]
internal sealed partial class DatasetProfileJsonContext : JsonSerializerContext
{
}
