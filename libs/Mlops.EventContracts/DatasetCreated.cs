using MassTransit;

namespace Mlops.EventContracts;

/// <summary>A dataset, the named asset that holds numbered versions of data, was created.</summary>
[MessageUrn("mlops:dataset-created:v1")]
[EntityName("mlops.dataset-created.v1")]
public sealed record DatasetCreated(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string Source,
    string Subject,
    string Workspace,
    string DatasetName,
    string Description,
    string CreatedBy) : IIntegrationEvent
{
    public const int ContractVersion = 1;

    public int Version => ContractVersion;
}
