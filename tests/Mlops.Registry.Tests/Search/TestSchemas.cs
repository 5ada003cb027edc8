using Mlops.Registry.Application.Search;

namespace Mlops.Registry.Tests.Search;

/// <summary>A schema with one field of every kind.</summary>
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

}
