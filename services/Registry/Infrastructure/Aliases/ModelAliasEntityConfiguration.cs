using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mlops.Registry.Application.Aliases;

namespace Mlops.Registry.Infrastructure.Aliases;

internal sealed class ModelAliasEntityConfiguration : IEntityTypeConfiguration<ModelAliasEntity>
{
    public void Configure(EntityTypeBuilder<ModelAliasEntity> builder)
    {
        builder.ToTable("model_aliases");
        builder.HasKey(alias => new { alias.ModelId, alias.Alias });
        builder.Property(alias => alias.ModelId).HasColumnName("model_id");

        // Byte order ("C"), so aliases list the same way whatever the database's locale.
        builder.Property(alias => alias.Alias).HasColumnName("alias").HasMaxLength(AliasRules.MaxLength).UseCollation("C");
        builder.Property(alias => alias.ModelVersionId).HasColumnName("model_version_id");
        builder.Property(alias => alias.UpdatedBy).HasColumnName("updated_by").HasMaxLength(256);
        builder.Property(alias => alias.UpdateTime).HasColumnName("update_time");

        // Restrict: a version (or model) an alias points at cannot disappear under it, whoever deletes.
        builder.HasOne<ModelEntity>().WithMany().HasForeignKey(alias => alias.ModelId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ModelVersionEntity>().WithMany(version => version.AliasRows).HasForeignKey(alias => alias.ModelVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(alias => alias.ModelVersionId, "ix_model_aliases_model_version_id");
    }
}
