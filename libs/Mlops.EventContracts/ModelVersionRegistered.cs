using MassTransit;

namespace Mlops.EventContracts;

/// <summary>
/// A new version of a model was registered with its artifact.
/// <para>
/// The properties after the constructor's were added to v1 in place: a consumer built before them ignores them, and
/// one built after reads an older message with them empty. So they are additions, not a new contract version.
/// </para>
/// </summary>
[MessageUrn("mlops:model-version-registered:v1")]
[EntityName("mlops.model-version-registered.v1")]
public sealed record ModelVersionRegistered(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string Source,
    string Subject,
    string Workspace,
    string ModelName,
    int VersionNumber,
    string ArtifactDigest,
    long ArtifactSizeBytes,
    string CreatedBy) : IIntegrationEvent
{
    public const int ContractVersion = 1;

    public int Version => ContractVersion;

    /// <summary>0 when the artifact is one file; the number of files of a directory artifact (ArtifactDigest is then its manifest's).</summary>
    public int ArtifactFileCount { get; init; }

    /// <summary>How the artifact is loaded (xgboost, sklearn, onnx, pytorch...); empty when the version did not say.</summary>
    public string Flavor { get; init; } = "";

    /// <summary>The library that trained it and its version; empty when not said.</summary>
    public string Framework { get; init; } = "";

    public string FrameworkVersion { get; init; } = "";

    /// <summary>The signature's inputs; empty when the version has no signature.</summary>
    public IReadOnlyList<TensorDescription> Inputs { get; init; } = [];

    public IReadOnlyList<TensorDescription> Outputs { get; init; } = [];

    /// <summary>The metrics it was registered with (a baseline for monitoring).</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>The dataset versions it was trained, validated or tested on.</summary>
    public IReadOnlyList<DatasetVersionReference> DatasetVersions { get; init; } = [];

    /// <summary>The training run, commit and pipeline run it came from; each empty when not said.</summary>
    public string SourceRunId { get; init; } = "";

    public string SourceCommit { get; init; } = "";

    public string SourcePipelineUrl { get; init; } = "";

    public bool Equals(ModelVersionRegistered? other) =>
        other is not null
        && (EventId, OccurredAt, Source, Subject, Workspace, ModelName, VersionNumber, ArtifactDigest, ArtifactSizeBytes, CreatedBy)
            == (other.EventId, other.OccurredAt, other.Source, other.Subject, other.Workspace, other.ModelName, other.VersionNumber, other.ArtifactDigest, other.ArtifactSizeBytes, other.CreatedBy)
        && (ArtifactFileCount, Flavor, Framework, FrameworkVersion, SourceRunId, SourceCommit, SourcePipelineUrl)
            == (other.ArtifactFileCount, other.Flavor, other.Framework, other.FrameworkVersion, other.SourceRunId, other.SourceCommit, other.SourcePipelineUrl)
        && ContractEquality.SameItems(Inputs, other.Inputs)
        && ContractEquality.SameItems(Outputs, other.Outputs)
        && ContractEquality.SameEntries(Metrics, other.Metrics)
        && ContractEquality.SameItems(DatasetVersions, other.DatasetVersions);

    public override int GetHashCode() => HashCode.Combine(EventId, Subject, VersionNumber, ArtifactDigest, ContractEquality.HashEntries(Metrics));
}
