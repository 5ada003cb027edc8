using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mlops.Registry.Infrastructure;

/// <summary>Tags as a jsonb object: no hstore extension to install, and readable from SQL.</summary>
internal static class TagsConversion
{
    public static PropertyBuilder<Dictionary<string, string>> AsJsonb(this PropertyBuilder<Dictionary<string, string>> property) =>
        property
            .HasColumnType("jsonb")
            .HasConversion(
                tags => JsonSerializer.Serialize(tags, JsonSerializerOptions.Default),
                json => JsonSerializer.Deserialize<Dictionary<string, string>>(json, JsonSerializerOptions.Default) ?? new Dictionary<string, string>(),
                new ValueComparer<Dictionary<string, string>>(
                    (left, right) => left!.Count == right!.Count && !left.Except(right).Any(),
                    tags => tags.Aggregate(0, (hash, tag) => hash ^ HashCode.Combine(tag.Key, tag.Value)),
                    tags => new Dictionary<string, string>(tags, StringComparer.Ordinal)));
}
