using MassTransit;

namespace Mlops.EventContracts;

/// <summary>
/// A model version's description or tags changed, or metrics were added to it (its artifact and the rest of its
/// metadata never change). It carries the result: the description, all tags and all metrics, with
/// <see cref="AddedMetrics"/> and <see cref="ChangedFields"/> ("description", "tags", "metrics") saying what is new.
/// </summary>
[MessageUrn("mlops:model-version-updated:v1")]
[EntityName("mlops.model-version-updated.v1")]
public sealed record ModelVersionUpdated(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string Source,
    string Subject,
    string Workspace,
    string ModelName,
    int VersionNumber,
    string Description,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, double> AddedMetrics,
    IReadOnlyList<string> ChangedFields,
    string UpdatedBy,
    string Etag) : IIntegrationEvent
{
    public const int ContractVersion = 1;

    public int Version => ContractVersion;

    public bool Equals(ModelVersionUpdated? other) =>
        other is not null
        && (EventId, OccurredAt, Source, Subject, Workspace, ModelName, VersionNumber, Description, UpdatedBy, Etag)
            == (other.EventId, other.OccurredAt, other.Source, other.Subject, other.Workspace, other.ModelName, other.VersionNumber, other.Description, other.UpdatedBy, other.Etag)
        && ContractEquality.SameEntries(Tags, other.Tags)
        && ContractEquality.SameEntries(Metrics, other.Metrics)
        && ContractEquality.SameEntries(AddedMetrics, other.AddedMetrics)
        && ContractEquality.SameItems(ChangedFields, other.ChangedFields);

    public override int GetHashCode() => HashCode.Combine(EventId, Subject, VersionNumber, Etag, ContractEquality.HashEntries(Metrics));
}
