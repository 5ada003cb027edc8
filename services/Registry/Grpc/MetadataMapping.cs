using Mlops.Registry.Application.Versions;
using Mlops.Registry.V1;

namespace Mlops.Registry.Grpc;

/// <summary>A version's metadata between the contract (ModelVersionHeader and ModelVersion, fields 30-40) and the application.</summary>
internal static class MetadataMapping
{
    public static ModelVersionMetadata ToApplication(ModelVersionHeader header) => new(
        header.Flavor,
        header.Framework,
        header.FrameworkVersion,
        header.Signature is { } signature ? new SignatureInfo(Tensors(signature.Inputs), Tensors(signature.Outputs)) : null,
        header.InputExample,
        header.Metrics,
        header.Params,
        header.Source is { } source ? new VersionSource(source.RunId, source.Commit, source.PipelineUrl) : VersionSource.None,
        header.DatasetVersions.Select(d => new DatasetReference(d.DatasetName, d.Version, Role(d.Role))).ToArray());

    public static void AddTo(this ModelVersionMetadata metadata, ModelVersion proto)
    {
        proto.Flavor = metadata.Flavor;
        proto.Framework = metadata.Framework;
        proto.FrameworkVersion = metadata.FrameworkVersion;
        if (metadata.Signature is { } signature)
        {
            proto.Signature = new ModelSignature();
            proto.Signature.Inputs.AddRange(signature.Inputs.Select(ToProto));
            proto.Signature.Outputs.AddRange(signature.Outputs.Select(ToProto));
        }

        proto.InputExample = metadata.InputExample;
        proto.Metrics.Add(metadata.Metrics.ToDictionary());
        proto.Params.Add(metadata.Params.ToDictionary());
        if (metadata.Source != VersionSource.None)
        {
            proto.Source = new ModelVersionSource { RunId = metadata.Source.RunId, Commit = metadata.Source.Commit, PipelineUrl = metadata.Source.PipelineUrl };
        }

        proto.DatasetVersions.AddRange(metadata.DatasetVersions.Select(d => new DatasetVersionRef { DatasetName = d.DatasetName, Version = d.Version, Role = Role(d.Role) }));
    }

    private static TensorInfo[] Tensors(IEnumerable<TensorSpec> tensors) =>
        tensors.Select(t => new TensorInfo(t.Name, t.Datatype, t.Shape.ToArray())).ToArray();

    private static TensorSpec ToProto(TensorInfo tensor)
    {
        var spec = new TensorSpec { Name = tensor.Name, Datatype = tensor.Datatype };
        spec.Shape.AddRange(tensor.Shape);
        return spec;
    }

    /// <summary>An unknown number (a newer client's role) is unspecified here, and refused as such.</summary>
    private static DatasetUse Role(DatasetRole role) => role switch
    {
        DatasetRole.Training => DatasetUse.Training,
        DatasetRole.Validation => DatasetUse.Validation,
        DatasetRole.Test => DatasetUse.Test,
        DatasetRole.Other => DatasetUse.Other,
        _ => DatasetUse.Unspecified,
    };

    private static DatasetRole Role(DatasetUse role) => role switch
    {
        DatasetUse.Training => DatasetRole.Training,
        DatasetUse.Validation => DatasetRole.Validation,
        DatasetUse.Test => DatasetRole.Test,
        DatasetUse.Other => DatasetRole.Other,
        _ => DatasetRole.Unspecified,
    };
}
