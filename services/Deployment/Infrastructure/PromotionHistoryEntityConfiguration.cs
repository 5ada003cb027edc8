using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mlops.Deployment.Infrastructure;

internal sealed class PromotionHistoryEntityConfiguration : IEntityTypeConfiguration<PromotionHistoryEntity>
{
    public const string Table = "promotion_history";

    public void Configure(EntityTypeBuilder<PromotionHistoryEntity> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(entry => entry.Sequence);
        builder.Property(entry => entry.Sequence).HasColumnName("sequence").UseIdentityByDefaultColumn();
        builder.Property(entry => entry.PromotionId).HasColumnName("promotion_id");
        builder.Property(entry => entry.Time).HasColumnName("time");
        builder.Property(entry => entry.Step).HasColumnName("step").HasMaxLength(32);
        builder.Property(entry => entry.Kind).HasColumnName("kind").HasMaxLength(32);
        builder.Property(entry => entry.Actor).HasColumnName("actor").HasMaxLength(256);
        builder.Property(entry => entry.Comment).HasColumnName("comment").HasMaxLength(4000);
        builder.Property(entry => entry.Detail).HasColumnName("detail").HasMaxLength(8000);
        builder.HasIndex(entry => new { entry.PromotionId, entry.Sequence }, "ix_promotion_history_promotion_id_sequence");
        builder.HasOne<PromotionEntity>().WithMany().HasForeignKey(entry => entry.PromotionId)
            .HasConstraintName("fk_promotion_history_promotions_promotion_id").OnDelete(DeleteBehavior.Cascade);
    }
}
