namespace Mlops.Registry.Application.Search;

/// <summary>
/// The identifiers of the registry's two searches. The Infrastructure maps each to a column; a version's metrics
/// and params are jsonb maps beside its tags (name → number, name → string).
/// </summary>
public static class RegistrySearchSchemas
{
    public static SearchSchema Models { get; } = new(
        [
            new SearchAttribute("name", SearchValueType.Text),
            new SearchAttribute("description", SearchValueType.Text),
            new SearchAttribute("created_by", SearchValueType.Text),
            new SearchAttribute("create_time", SearchValueType.Timestamp),
            new SearchAttribute("update_time", SearchValueType.Timestamp),
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
            new SearchAttribute("update_time", SearchValueType.Timestamp),

            // Empty in the contract is missing here, so that "flavor IS NULL" finds the versions that did not say.
            new SearchAttribute("flavor", SearchValueType.Text) { Nullable = true },
            new SearchAttribute("framework", SearchValueType.Text) { Nullable = true },
            new SearchAttribute("run_id", SearchValueType.Text) { Nullable = true },

            // As the columns store them (matched whatever the case): 'READY' finds 'ready'.
            new SearchAttribute("status", SearchValueType.Enum) { AllowedValues = ["pending_upload", "ready", "failed"] },
            new SearchAttribute("approval_status", SearchValueType.Enum) { AllowedValues = ["PENDING_MANUAL_APPROVAL", "APPROVED", "REJECTED"] },
        ],
        [
            new SearchKeyFamily("tags", SearchValueType.Text) { Aliases = ["tag"] },
            new SearchKeyFamily("metrics", SearchValueType.Number) { Aliases = ["metric"] },
            new SearchKeyFamily("params", SearchValueType.Text) { Aliases = ["param"] },
        ]);
}
