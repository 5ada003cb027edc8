using Mlops.Registry.Application;

namespace Mlops.Registry.Infrastructure;

/// <summary>A version as the cached read loads it: the row, its model's names, its approval status column and its aliases.</summary>
internal sealed record VersionRow(ModelVersionEntity Version, string Workspace, string ModelName, string ApprovalStatus, List<string> Aliases)
{
    public Guid ModelId => Version.ModelId;

    public ModelVersionInfo ToInfo() => Version.ToInfo(Workspace, ModelName, ApprovalStatus, Aliases);
}
