using MassTransit;

namespace Mlops.EventContracts;

/// <summary>
/// A new version of a dataset was registered with its file. For CSV and JSON Lines the file was profiled:
/// <see cref="RowCount"/> is set, <see cref="Columns"/> are the file's columns with their inferred types, and
/// <see cref="ProfileVersion"/> says which version of the profile's JSON form the registry's
/// <c>DatasetRegistry.GetDatasetVersion</c> returns for <see cref="IIntegrationEvent.Subject"/>. For other formats
/// those are null and <see cref="Columns"/> is the declared schema, if any. <see cref="Format"/> is <c>csv</c>,
/// <c>json_lines</c>, <c>parquet</c> or <c>other</c>; <see cref="Digest"/> is <c>sha256:</c> and the file's hex digest.
/// </summary>
[MessageUrn("mlops:dataset-version-registered:v1")]
[EntityName("mlops.dataset-version-registered.v1")]
public sealed record DatasetVersionRegistered(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string Source,
    string Subject,
    string Workspace,
    string DatasetName,
    int VersionNumber,
    string Format,
    string FileName,
    string Digest,
    long SizeBytes,
    long? RowCount,
    IReadOnlyList<DatasetColumnSummary> Columns,
    int? ProfileVersion,
    string CreatedBy) : IIntegrationEvent
{
    public const int ContractVersion = 1;

    public int Version => ContractVersion;
}
