using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mlops.Registry.Infrastructure;

/// <summary>
/// Values stored as jsonb documents, enums by name. Two values are the same when their JSON is, which is what matters
/// to the database. Version metadata is written camelCase, dataset profiles snake_case (the names docs/dataset-profile.md
/// documents); each table keeps the one it was created with.
/// </summary>
internal static class JsonbConversion
{
    private static readonly JsonSerializerOptions CamelCase = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static readonly JsonSerializerOptions SnakeCase = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter() },
    };

    public static PropertyBuilder<T> AsJsonbDocument<T>(this PropertyBuilder<T> property) => property.AsJsonb(CamelCase);

    public static PropertyBuilder<T> AsSnakeCaseJsonb<T>(this PropertyBuilder<T> property) => property.AsJsonb(SnakeCase);

    private static PropertyBuilder<T> AsJsonb<T>(this PropertyBuilder<T> property, JsonSerializerOptions options) =>
        property
            .HasColumnType("jsonb")
            .HasConversion(
                value => JsonSerializer.Serialize(value, options),
                json => JsonSerializer.Deserialize<T>(json, options)!,
                new ValueComparer<T>(
                    (left, right) => JsonSerializer.Serialize(left, options) == JsonSerializer.Serialize(right, options),
                    value => JsonSerializer.Serialize(value, options).GetHashCode(StringComparison.Ordinal),
                    value => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, options), options)!));
}
