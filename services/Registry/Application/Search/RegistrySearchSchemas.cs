namespace Mlops.Registry.Application.Search;

/// <summary>
/// The identifiers of the registry's two searches. The Infrastructure maps each to a column; a version's metrics
/// and params are meant as jsonb maps beside its tags (name → number, name → string).
/// </summary>
public static class RegistrySearchSchemas
{
    public static SearchSchema Models { get; } = new(
        [
            new SearchAttribute("name", SearchValueType.Text),
            new SearchAttribute("description", SearchValueType.Text),
            new SearchAttribute("created_by", SearchValueType.Text),
            new SearchAttribute("create_time", SearchValueType.Timestamp),
            new SearchAttribute("latest_version", SearchValueType.Integer),
        ],
        [
            new SearchKeyFamily("tags", SearchValueType.Text) { Aliases = ["tag"] },
        ]);

    public static SearchSchema ModelVersions { get; } = new(
        [
            new SearchAttribute("name", SearchValueType.Text),
            new SearchAttribute("version", SearchValueType.Integer),
            new SearchAttribute("description", SearchValueType.Text),
            new SearchAttribute("created_by", SearchValueType.Text),
            new SearchAttribute("create_time", SearchValueType.Timestamp),
        ],
        [
            new SearchKeyFamily("tags", SearchValueType.Text) { Aliases = ["tag"] },
            new SearchKeyFamily("metrics", SearchValueType.Number) { Aliases = ["metric"] },
            new SearchKeyFamily("params", SearchValueType.Text) { Aliases = ["param"] },
        ]);
}
