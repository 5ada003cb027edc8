using Google.Protobuf.WellKnownTypes;
using Mlops.Registry.Application.Aliases;
using Mlops.Registry.V1;

namespace Mlops.Registry.Grpc;

/// <summary>Between the aliases contract and the application's records.</summary>
internal static class AliasProtoMapping
{
    public static ModelAlias ToProto(this ModelAliasInfo alias) => new()
    {
        Workspace = alias.Workspace,
        ModelName = alias.ModelName,
        Alias = alias.Alias,
        Version = alias.Version,
        ArtifactSha256 = alias.ArtifactSha256,
        Protected = alias.Protected,
        UpdatedBy = alias.UpdatedBy,
        UpdateTime = alias.UpdateTime is { } time ? Timestamp.FromDateTimeOffset(time) : null,
    };

    public static AliasChange ToProto(this AliasChangeInfo change) => new()
    {
        Alias = change.Alias,
        PreviousVersion = change.PreviousVersion,
        NewVersion = change.NewVersion,
        ChangedBy = change.ChangedBy,
        ChangeTime = Timestamp.FromDateTimeOffset(change.ChangeTime),
    };
}
