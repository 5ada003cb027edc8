using Microsoft.EntityFrameworkCore;
using Mlops.Registry.Application.Aliases;

namespace Mlops.Registry.Infrastructure.Aliases;

internal static class AliasQueries
{
    /// <summary>
    /// A model's aliases (or the one named <paramref name="alias"/>) ordered by name, with the number and digest of the
    /// version each points at. Filtered before the projection, which SQL cannot look into.
    /// </summary>
    public static IQueryable<StoredAlias> StoredAliases(this RegistryDbContext dbContext, Guid modelId, string? alias = null) =>
        from entity in dbContext.Set<ModelAliasEntity>().AsNoTracking()
        join version in dbContext.ModelVersions on entity.ModelVersionId equals version.Id
        where entity.ModelId == modelId && (alias == null || entity.Alias == alias)
        orderby entity.Alias
        select new StoredAlias(entity.Alias, version.Version, version.ArtifactSha256, entity.UpdatedBy, entity.UpdateTime);
}
