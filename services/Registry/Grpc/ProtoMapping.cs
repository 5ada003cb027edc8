using Google.Protobuf;
using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;
using Mlops.Registry.Application;
using Mlops.Registry.Application.Uploads;
using Mlops.Registry.Application.Versions;
using Mlops.Registry.V1;

namespace Mlops.Registry.Grpc;

/// <summary>Between the contract's messages and the application's records.</summary>
internal static class ProtoMapping
{
    public static Model ToProto(this ModelInfo model)
    {
        var proto = new Model
        {
            Workspace = model.Workspace,
            Name = model.Name,
            Description = model.Description,
            CreatedBy = model.CreatedBy,
            CreateTime = Timestamp.FromDateTimeOffset(model.CreateTime),
            LatestVersion = model.LatestVersion,
            Etag = Etags.Of(model),
            UpdateTime = Timestamp.FromDateTimeOffset(model.UpdateTime),
        };
        AddTags(proto.Tags, model.Tags);
        return proto;
    }

    public static ModelVersion ToProto(this ModelVersionInfo version)
    {
        var proto = new ModelVersion
        {
            Workspace = version.Workspace,
            ModelName = version.ModelName,
            Version = version.Version,
            Status = version.State switch
            {
                ModelVersionState.Ready => ModelVersionStatus.Ready,
                ModelVersionState.PendingUpload => ModelVersionStatus.PendingUpload,
                _ => ModelVersionStatus.Failed,
            },
            Description = version.Description,
            ArtifactSha256 = version.ArtifactSha256,
            ArtifactSizeBytes = version.ArtifactSizeBytes,
            ArtifactFileName = version.ArtifactFileName,
            CreatedBy = version.CreatedBy,
            CreateTime = Timestamp.FromDateTimeOffset(version.CreateTime),
            ArtifactKind = version.IsDirectory ? ArtifactKind.Directory : ArtifactKind.File,
            ArtifactFileCount = version.IsDirectory ? version.ArtifactFileCount : 1,
            StatusMessage = version.StateMessage,
            ApprovalStatus = version.Approval.ToProto(),
        };
        AddTags(proto.Tags, version.Tags);
        proto.Aliases.AddRange(version.Aliases);
        version.Metadata.AddTo(proto);
        proto.Etag = Etags.Of(version);
        proto.UpdateTime = Timestamp.FromDateTimeOffset(version.UpdateTime);
        return proto;
    }

    public static NewModel ToApplication(this CreateModelRequest request) =>
        new(request.Workspace, request.Name, request.Description, request.Tags);

    public static NewModelVersion ToApplication(this ModelVersionHeader header) =>
        new(header.Workspace, header.ModelName, header.ArtifactSha256, header.ArtifactSizeBytes, header.ArtifactFileName, header.Description, header.Tags)
        {
            Metadata = MetadataMapping.ToApplication(header),
        };

    public static ArtifactFileInfo ToApplication(this ArtifactFile file) => new(file.Path, file.Sha256, file.SizeBytes);

    public static ArtifactFile ToProto(this StoredArtifactFile file) => new() { Path = file.Path, Sha256 = file.Sha256, SizeBytes = file.SizeBytes };

    public static ArtifactChunk ToChunk(ReadOnlySpan<byte> data) => new() { Data = ByteString.CopyFrom(data) };

    private static void AddTags(MapField<string, string> target, IReadOnlyDictionary<string, string> tags)
    {
        foreach (var (key, value) in tags)
        {
            target.Add(key, value);
        }
    }
}
