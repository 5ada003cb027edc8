using Mlops.Registry.Infrastructure.Caching;

namespace Mlops.Registry.Infrastructure.Aliases;

/// <summary>An alias of a model and the version it points at now; its past is in <see cref="AliasHistoryEntity"/>.</summary>
public sealed class ModelAliasEntity : IModelScoped
{
    public required Guid ModelId { get; init; }

    public required string Alias { get; init; }

    public required Guid ModelVersionId { get; set; }

    public required string UpdatedBy { get; set; }

    public required DateTimeOffset UpdateTime { get; set; }
}
