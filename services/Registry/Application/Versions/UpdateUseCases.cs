using System.Globalization;
using Mlops.EventContracts;
using Mlops.Registry.Application.Audit;
using Mlops.Resources;

namespace Mlops.Registry.Application.Versions;

/// <summary>
/// Updating models and versions with optimistic concurrency. A caller that names an etag gets ABORTED when the
/// resource changed since; one that names none gets its change applied to the current state, read again if a
/// concurrent update won the race, so that two tag changes never lose one another.
/// </summary>
public sealed class UpdateUseCases(IRegistryStore registry, IModelUpdateStore store, IAuditLog audit, ICallerContext caller, TimeProvider timeProvider)
{
    // Every round of a race has a winner, so this many concurrent writers of one resource all get through.
    private const int Attempts = 10;

    public async Task<ModelInfo> UpdateModelAsync(ModelChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var workspace = RegistryRules.Workspace("workspace", changes.Workspace);
        var name = RegistryRules.Name("name", changes.Name);
        var description = changes.Description is null ? null : RegistryRules.Description("description", changes.Description);
        var tags = TagChanges.Validate("set_tags", changes.SetTags, "remove_tags", changes.RemoveTags);
        if (description is null && tags.IsEmpty)
        {
            throw RegistryException.Invalid("The request changes nothing: set description, set_tags or remove_tags.");
        }

        for (var attempt = 1; ; attempt++)
        {
            var current = await registry.FindModelAsync(workspace, name, cancellationToken).ConfigureAwait(false)
                ?? throw RegistryException.NotFound($"Model '{name}' does not exist in workspace '{workspace}'.");
            Etags.Check(changes.Etag, Etags.Of(current), $"model '{name}'");
            var newTags = tags.Apply(current.Tags);
            var changed = Changed(current.Description, description, current.Tags, newTags);
            if (changed.Count == 0)
            {
                return current;
            }

            var now = Timestamps.Now(timeProvider);
            var updated = current with { Description = description ?? current.Description, Tags = newTags, Revision = current.Revision + 1, UpdateTime = now };
            var subject = EventSubjects.Model(workspace, name);
            var etag = Etags.Of(updated);
            audit.Record(new AuditEntry(workspace, caller.UserName, "model.update", subject, now, Details(changed, tags, etag)));
            var updatedEvent = new ModelUpdated(
                Guid.NewGuid(), now, ResourceNames.Registry, subject, workspace, name, updated.Description, updated.Tags, changed, caller.UserName, etag);
            if (await store.UpdateModelAsync(updated, current.Revision, updatedEvent, cancellationToken).ConfigureAwait(false))
            {
                return updated;
            }

            await LostRaceAsync(changes.Etag, attempt, $"model '{name}'", cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<ModelVersionInfo> UpdateVersionAsync(ModelVersionChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var workspace = RegistryRules.Workspace("workspace", changes.Workspace);
        var modelName = RegistryRules.Name("model_name", changes.ModelName);
        var number = RegistryRules.Version(changes.Version);
        var description = changes.Description is null ? null : RegistryRules.Description("description", changes.Description);
        var tags = TagChanges.Validate("set_tags", changes.SetTags, "remove_tags", changes.RemoveTags);
        var addMetrics = MeasurementRules.Metrics("add_metrics", changes.AddMetrics);
        if (description is null && tags.IsEmpty && addMetrics.Count == 0)
        {
            throw RegistryException.Invalid("The request changes nothing: set description, set_tags, remove_tags or add_metrics.");
        }

        var what = string.Create(CultureInfo.InvariantCulture, $"version {number} of model '{modelName}'");
        for (var attempt = 1; ; attempt++)
        {
            var current = await registry.FindVersionAsync(workspace, modelName, number, cancellationToken).ConfigureAwait(false)
                ?? throw RegistryException.NotFound($"Model '{modelName}' in workspace '{workspace}' has no version {number}.");
            Etags.Check(changes.Etag, Etags.Of(current), what);
            var newTags = tags.Apply(current.Tags);
            var (metrics, added) = AddMetrics(current.Metadata.Metrics, addMetrics, what);
            var changed = Changed(current.Description, description, current.Tags, newTags);
            if (added.Count > 0)
            {
                changed.Add("metrics");
            }

            if (changed.Count == 0)
            {
                return current;
            }

            var now = Timestamps.Now(timeProvider);
            var updated = current with
            {
                Description = description ?? current.Description,
                Tags = newTags,
                Metadata = current.Metadata with { Metrics = metrics },
                Revision = current.Revision + 1,
                UpdateTime = now,
            };
            var subject = EventSubjects.ModelVersion(workspace, modelName, number);
            var etag = Etags.Of(updated);
            var details = Details(changed, tags, etag);
            if (added.Count > 0)
            {
                details["metrics_added"] = string.Join(",", added.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key}={m.Value:R}")));
            }

            audit.Record(new AuditEntry(workspace, caller.UserName, "model_version.update", subject, now, details));
            var updatedEvent = new ModelVersionUpdated(
                Guid.NewGuid(), now, ResourceNames.Registry, subject, workspace, modelName, number, updated.Description, updated.Tags, metrics, added, changed, caller.UserName, etag);
            if (await store.UpdateVersionAsync(updated, current.Revision, updatedEvent, cancellationToken).ConfigureAwait(false))
            {
                return updated;
            }

            await LostRaceAsync(changes.Etag, attempt, what, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Metrics are append-only: whatever a reviewer saw stays true. Giving a recorded metric again with the same
    /// value is a retry and changes nothing; another value is refused.
    /// </summary>
    private static (IReadOnlyDictionary<string, double> Metrics, IReadOnlyDictionary<string, double> Added) AddMetrics(
        IReadOnlyDictionary<string, double> current, IReadOnlyDictionary<string, double> additions, string what)
    {
        var metrics = new Dictionary<string, double>(current, StringComparer.Ordinal);
        var added = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, value) in additions)
        {
            if (current.TryGetValue(key, out var recorded))
            {
                if (recorded.Equals(value))
                {
                    continue;
                }

                throw RegistryException.FailedPrecondition(string.Create(
                    CultureInfo.InvariantCulture,
                    $"add_metrics['{key}'] is {value:R}, but {what} already records {key} = {recorded:R}: recorded metrics are never changed; register a new version or use another metric name."));
            }

            metrics[key] = value;
            added[key] = value;
        }

        if (metrics.Count > MeasurementRules.MaxMetrics)
        {
            throw RegistryException.Invalid(string.Create(
                CultureInfo.InvariantCulture, $"add_metrics would give {what} {metrics.Count} metrics: at most {MeasurementRules.MaxMetrics} are allowed."));
        }

        return (metrics, added);
    }

    private static List<string> Changed(string currentDescription, string? description, IReadOnlyDictionary<string, string> currentTags, IReadOnlyDictionary<string, string> tags)
    {
        var changed = new List<string>();
        if (description is not null && description != currentDescription)
        {
            changed.Add("description");
        }

        if (!TagChanges.SameTags(currentTags, tags))
        {
            changed.Add("tags");
        }

        return changed;
    }

    private static Dictionary<string, string> Details(IReadOnlyList<string> changed, TagChanges tags, string etag)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["changed"] = string.Join(",", changed), ["etag"] = etag };
        if (changed.Contains("tags"))
        {
            details["tags_set"] = string.Join(",", tags.SetKeys);
            details["tags_removed"] = string.Join(",", tags.RemovedKeys);
        }

        return details;
    }

    private async Task LostRaceAsync(string? etag, int attempt, string what, CancellationToken cancellationToken)
    {
        // With an etag the caller asked for exactly the state it read; without, read again, a bounded number of times.
        if (!string.IsNullOrEmpty(etag) || attempt >= Attempts)
        {
            throw RegistryException.Aborted($"{char.ToUpperInvariant(what[0])}{what[1..]} was changed concurrently; read it again and retry.");
        }

        // A random pause spreads out writers that lost together, so they do not collide again.
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)), timeProvider, cancellationToken).ConfigureAwait(false);
    }
}
