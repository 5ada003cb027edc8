using Mlops.Registry.Application;
using Mlops.Registry.Infrastructure.Approvals;
using Mlops.Registry.Infrastructure.Caching;

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
    };

    /// <summary>The version with what approvals and aliases say about it (<paramref name="approvalStatus"/> as the column spells it).</summary>
    public ModelVersionInfo ToInfo(string workspace, string modelName, string approvalStatus, IReadOnlyList<string> aliases) => ToInfo(workspace, modelName) with
    {
        Approval = ApprovalStatusColumn.ToStatus(approvalStatus),
        Aliases = aliases,
    };

    public ModelVersionInfo ToInfo()
    {
        var model = Model ?? throw new InvalidOperationException("Load the version with its model.");
        return ToInfo(model.Workspace, model.Name);
    }

    private ModelVersionInfo ToInfo(string workspace, string modelName) =>
        new(
            workspace, modelName, Version, Description, Tags, ArtifactSha256, ArtifactSizeBytes, ArtifactFileName, ArtifactBlobName, CreatedBy, CreateTime)
        {
            Id = Id,
            State = ModelVersionStatuses.Parse(Status),
            StateMessage = StatusMessage,
            ArtifactFileCount = ArtifactFileCount,
        };
}
