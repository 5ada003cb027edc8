using Microsoft.EntityFrameworkCore;

namespace Mlops.Registry.Infrastructure.Aliases;

internal static class AliasesModelBuilderExtensions
{
    /// <summary>Aliases and their history.</summary>
    public static ModelBuilder AddAliases(this ModelBuilder modelBuilder) =>
        modelBuilder
            .ApplyConfiguration(new ModelAliasEntityConfiguration())
            .ApplyConfiguration(new AliasHistoryEntityConfiguration());
}
