using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mlops.Registry.Application.Aliases;

namespace Mlops.Registry.Infrastructure.Aliases;

internal sealed class AliasHistoryEntityConfiguration : IEntityTypeConfiguration<AliasHistoryEntity>
{
    public void Configure(EntityTypeBuilder<AliasHistoryEntity> builder)
    {
        builder.ToTable("model_alias_history");
        builder.HasKey(change => change.Sequence);
        builder.Property(change => change.Sequence).HasColumnName("sequence").UseIdentityAlwaysColumn();
        builder.Property(change => change.ModelId).HasColumnName("model_id");
        builder.Property(change => change.Alias).HasColumnName("alias").HasMaxLength(AliasRules.MaxLength).UseCollation("C");
        builder.Property(change => change.PreviousVersion).HasColumnName("previous_version");
        builder.Property(change => change.NewVersion).HasColumnName("new_version");
        builder.Property(change => change.ChangedBy).HasColumnName("changed_by").HasMaxLength(256);
        builder.Property(change => change.ChangeTime).HasColumnName("change_time");

        // The history goes with its model (the audit trail keeps the record of both).
        builder.HasOne<ModelEntity>().WithMany().HasForeignKey(change => change.ModelId).OnDelete(DeleteBehavior.Cascade);

        // Pages are "this model (and alias), newest first": both indexes end in the sequence they page by.
        builder.HasIndex(change => new { change.ModelId, change.Sequence }, "ix_model_alias_history_model_id_sequence");
        builder.HasIndex(change => new { change.ModelId, change.Alias, change.Sequence }, "ix_model_alias_history_model_id_alias_sequence");
    }
}
