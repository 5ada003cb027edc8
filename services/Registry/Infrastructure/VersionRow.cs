using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Mlops.Registry.Application;
using Mlops.Registry.Infrastructure.Approvals;

namespace Mlops.Registry.Infrastructure;

/// <summary>
/// A version as every read that returns one loads it, in one query: the row (its model's names are copied into it),
/// its approval status column, its aliases and, where asked for, its input example.
/// </summary>
internal sealed record VersionRow(ModelVersionEntity Version, string ApprovalStatus, List<string> Aliases, string? InputExample)
{
    /// <summary>With the input example (up to 1 MiB: only for reading one version).</summary>
    public static Expression<Func<ModelVersionEntity, VersionRow>> Full { get; } = version => new VersionRow(
        version,
        EF.Property<string>(version, ModelVersionApprovalConfiguration.StatusProperty),
        version.AliasRows.OrderBy(alias => alias.Alias).Select(alias => alias.Alias).ToList(),
        version.InputExample == null ? null : version.InputExample.Json);

    /// <summary>Without the input example, for listings and searches.</summary>
    public static Expression<Func<ModelVersionEntity, VersionRow>> Summary { get; } = version => new VersionRow(
        version,
        EF.Property<string>(version, ModelVersionApprovalConfiguration.StatusProperty),
        version.AliasRows.OrderBy(alias => alias.Alias).Select(alias => alias.Alias).ToList(),
        null);

    public Guid ModelId => Version.ModelId;

    public ModelVersionInfo ToInfo()
    {
        var info = Version.ToInfo(Version.Workspace, Version.ModelName, ApprovalStatus, Aliases);
        return InputExample is null ? info : info with { Metadata = info.Metadata with { InputExample = InputExample } };
    }
}
