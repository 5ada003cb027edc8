using MassTransit;

namespace Mlops.EventContracts;

/// <summary>
/// A model's description or tags changed. It carries the result, not only the change, so that a consumer can
/// replace what it holds; <see cref="ChangedFields"/> says what changed ("description", "tags").
/// </summary>
[MessageUrn("mlops:model-updated:v1")]
[EntityName("mlops.model-updated.v1")]
public sealed record ModelUpdated(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string Source,
    string Subject,
    string Workspace,
    string ModelName,
    string Description,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<string> ChangedFields,
    string UpdatedBy,
    string Etag) : IIntegrationEvent
{
    public const int ContractVersion = 1;

    public int Version => ContractVersion;

    public bool Equals(ModelUpdated? other) =>
        other is not null
        && (EventId, OccurredAt, Source, Subject, Workspace, ModelName, Description, UpdatedBy, Etag)
            == (other.EventId, other.OccurredAt, other.Source, other.Subject, other.Workspace, other.ModelName, other.Description, other.UpdatedBy, other.Etag)
        && ContractEquality.SameEntries(Tags, other.Tags)
        && ContractEquality.SameItems(ChangedFields, other.ChangedFields);

    public override int GetHashCode() => HashCode.Combine(EventId, Subject, Etag, ContractEquality.HashEntries(Tags));
}
