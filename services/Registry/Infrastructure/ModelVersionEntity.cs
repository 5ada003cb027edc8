using Mlops.Registry.Application;
using Mlops.Registry.Infrastructure.Aliases;
using Mlops.Registry.Infrastructure.Approvals;
using Mlops.Registry.Infrastructure.Caching;
using Mlops.Registry.Application.Versions;
using Mlops.Registry.Infrastructure.Versions;

namespace Mlops.Registry.Infrastructure;

public sealed class ModelVersionEntity : IModelScoped
{
    public required Guid Id { get; init; }

    public required Guid ModelId { get; init; }

    public ModelEntity? Model { get; init; }

    public required int Version { get; init; }

    public required string Description { get; init; }

    public required Dictionary<string, string> Tags { get; init; }

    public required string ArtifactSha256 { get; init; }

    public required long ArtifactSizeBytes { get; init; }

    public required string ArtifactFileName { get; init; }

    public required string ArtifactBlobName { get; init; }

    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreateTime { get; init; }

    /// <summary>pending_upload, ready or failed: <see cref="ModelVersionStatuses"/>.</summary>
    public string Status { get; init; } = ModelVersionStatuses.Ready;

    public string StatusMessage { get; init; } = "";

    /// <summary>0 for a single-file artifact; the rows of <see cref="ModelVersionFileEntity"/> of a directory artifact.</summary>
    public int ArtifactFileCount { get; init; }

    /// <summary>
    /// While pending: when the instance receiving the upload last renewed its lease, on the database's clock (the one
    /// clock all instances share). The sweeper fails a pending upload whose lease is older than <c>Uploads:Lease</c>.
    /// </summary>
    public DateTimeOffset? UploadHeartbeatAt { get; init; }

    /// <summary>
    /// The model's workspace and name, copied so that a search reads one table (neither ever changes); a trigger sets
    /// them from the model on every insert, whoever inserts.
    /// </summary>
    public string Workspace { get; init; } = "";

    public string ModelName { get; init; } = "";

    /// <summary>Null when the version did not say, so that a search's IS NULL finds it.</summary>
    public string? Flavor { get; init; }

    public string? Framework { get; init; }

    public string? FrameworkVersion { get; init; }

    public SignatureInfo? Signature { get; init; }

    public Dictionary<string, double> Metrics { get; init; } = [];

    public Dictionary<string, string> Params { get; init; } = [];

    public string? SourceRunId { get; init; }

    public string? SourceCommit { get; init; }

    public string? SourcePipelineUrl { get; init; }

    public List<DatasetReference> DatasetVersions { get; init; } = [];

    /// <summary>Raised by every update; the etag is made of it.</summary>
    public long Revision { get; init; } = 1;

    public DateTimeOffset UpdateTime { get; init; }

    /// <summary>Up to 1 MiB, so in a table of its own that listings and searches never read.</summary>
    public ModelVersionInputExampleEntity? InputExample { get; init; }

    /// <summary>The aliases pointing at the version; only read, through <see cref="VersionRow.Projection"/>.</summary>
    public List<ModelAliasEntity> AliasRows { get; init; } = [];

    public static ModelVersionEntity From(Guid modelId, ModelVersionInfo version) => new()
    {
        Id = version.Id == Guid.Empty ? Guid.NewGuid() : version.Id,
        ModelId = modelId,
        Version = version.Version,
        Description = version.Description,
        Tags = new Dictionary<string, string>(version.Tags, StringComparer.Ordinal),
        ArtifactSha256 = version.ArtifactSha256,
        ArtifactSizeBytes = version.ArtifactSizeBytes,
        ArtifactFileName = version.ArtifactFileName,
        ArtifactBlobName = version.ArtifactBlobName,
        CreatedBy = version.CreatedBy,
        CreateTime = version.CreateTime,
        Status = ModelVersionStatuses.Of(version.State),
        StatusMessage = version.StateMessage,
        ArtifactFileCount = version.ArtifactFileCount,
        Workspace = version.Workspace,
        ModelName = version.ModelName,
        Flavor = NullIfEmpty(version.Metadata.Flavor),
        Framework = NullIfEmpty(version.Metadata.Framework),
        FrameworkVersion = NullIfEmpty(version.Metadata.FrameworkVersion),
        Signature = version.Metadata.Signature,
        Metrics = new Dictionary<string, double>(version.Metadata.Metrics, StringComparer.Ordinal),
        Params = new Dictionary<string, string>(version.Metadata.Params, StringComparer.Ordinal),
        SourceRunId = NullIfEmpty(version.Metadata.Source.RunId),
        SourceCommit = NullIfEmpty(version.Metadata.Source.Commit),
        SourcePipelineUrl = NullIfEmpty(version.Metadata.Source.PipelineUrl),
        DatasetVersions = [.. version.Metadata.DatasetVersions],
        Revision = version.Revision,
        UpdateTime = version.UpdateTime,
        InputExample = version.Metadata.InputExample.Length == 0 ? null : new ModelVersionInputExampleEntity { Json = version.Metadata.InputExample },
    };

    /// <summary>The version with what approvals and aliases say about it (<paramref name="approvalStatus"/> as the column spells it).</summary>
    public ModelVersionInfo ToInfo(string workspace, string modelName, string approvalStatus, IReadOnlyList<string> aliases) => ToInfo(workspace, modelName) with
    {
        Approval = ApprovalStatusColumn.ToStatus(approvalStatus),
        Aliases = aliases,
    };

    private ModelVersionInfo ToInfo(string workspace, string modelName) =>
        new(
            workspace, modelName, Version, Description, Tags, ArtifactSha256, ArtifactSizeBytes, ArtifactFileName, ArtifactBlobName, CreatedBy, CreateTime)
        {
            Id = Id,
            State = ModelVersionStatuses.Parse(Status),
            StateMessage = StatusMessage,
            ArtifactFileCount = ArtifactFileCount,
            Metadata = new ModelVersionMetadata(
                Flavor ?? "",
                Framework ?? "",
                FrameworkVersion ?? "",
                Signature,
                InputExample?.Json ?? "",
                Metrics,
                Params,
                new VersionSource(SourceRunId ?? "", SourceCommit ?? "", SourcePipelineUrl ?? ""),
                DatasetVersions),
            Revision = Revision,
            UpdateTime = UpdateTime,
        };

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
