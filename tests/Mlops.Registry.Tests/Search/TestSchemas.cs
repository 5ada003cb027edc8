using Mlops.Registry.Application.Search;
using Mlops.Registry.Infrastructure.Search;

namespace Mlops.Registry.Tests.Search;

/// <summary>A schema with one field of every kind, and its mapping onto the scratch table of the database tests.</summary>
internal static class TestSchemas
{
    public static SearchSchema Versions { get; } = new(
        [
            new SearchAttribute("name", SearchValueType.Text),
            new SearchAttribute("version", SearchValueType.Integer),
            new SearchAttribute("status", SearchValueType.Enum) { AllowedValues = ["READY", "PENDING", "FAILED"] },
            new SearchAttribute("created_by", SearchValueType.Text),
            new SearchAttribute("create_time", SearchValueType.Timestamp),
            new SearchAttribute("description", SearchValueType.Text) { Nullable = true },
            new SearchAttribute("archived", SearchValueType.Boolean),
            new SearchAttribute("size", SearchValueType.Number),
        ],
        [
            new SearchKeyFamily("tags", SearchValueType.Text) { Aliases = ["tag"] },
            new SearchKeyFamily("metrics", SearchValueType.Number) { Aliases = ["metric"] },
            new SearchKeyFamily("params", SearchValueType.Text) { Aliases = ["param"] },
        ]);

    public static SearchSqlMapping Mapping { get; } = new(
        new Dictionary<string, string>
        {
            ["name"] = "v.name",
            ["version"] = "v.version",
            ["status"] = "v.status",
            ["created_by"] = "v.created_by",
            ["create_time"] = "v.create_time",
            ["description"] = "v.description",
            ["archived"] = "v.archived",
            ["size"] = "v.size",
        },
        new Dictionary<string, string>
        {
            ["tags"] = "v.tags",
            ["metrics"] = "v.metrics",
            ["params"] = "v.params",
        });
}
