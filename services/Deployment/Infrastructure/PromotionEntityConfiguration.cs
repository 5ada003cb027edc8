using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mlops.Deployment.Application;

namespace Mlops.Deployment.Infrastructure;

internal sealed class PromotionEntityConfiguration : IEntityTypeConfiguration<PromotionEntity>
{
    public const string Table = "promotions";
    public const string OneRunningPerModel = "ix_promotions_one_running_per_model";
    public const string OnePerSourceEvent = "ix_promotions_source_event_id";

    public void Configure(EntityTypeBuilder<PromotionEntity> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(promotion => promotion.Id);
        builder.Property(promotion => promotion.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(promotion => promotion.Workspace).HasColumnName("workspace").HasMaxLength(256).UseCollation("C");
        builder.Property(promotion => promotion.ModelName).HasColumnName("model_name").HasMaxLength(PromotionRules.MaxModelNameLength).UseCollation("C");
        builder.Property(promotion => promotion.Version).HasColumnName("version");
        builder.Property(promotion => promotion.RequestedBy).HasColumnName("requested_by").HasMaxLength(256);
        builder.Property(promotion => promotion.Trigger).HasColumnName("trigger").HasMaxLength(64);
        builder.Property(promotion => promotion.SourceEventId).HasColumnName("source_event_id");
        builder.Property(promotion => promotion.State).HasColumnName("state").HasMaxLength(32);
        builder.Property(promotion => promotion.Step).HasColumnName("step").HasMaxLength(32);
        builder.Property(promotion => promotion.RolloutStep).HasColumnName("rollout_step");
        builder.Property(promotion => promotion.Route).HasColumnName("route").HasColumnType("jsonb");
        builder.Property(promotion => promotion.StagingDeployment).HasColumnName("staging_deployment").HasMaxLength(DeploymentRules.MaxNameLength);
        builder.Property(promotion => promotion.ProductionDeployment).HasColumnName("production_deployment").HasMaxLength(DeploymentRules.MaxNameLength);
        builder.Property(promotion => promotion.PreviousWeights).HasColumnName("previous_weights").HasColumnType("jsonb");
        builder.Property(promotion => promotion.ProductionRevision).HasColumnName("production_revision");
        builder.Property(promotion => promotion.DueTime).HasColumnName("due_time");
        builder.Property(promotion => promotion.Reason).HasColumnName("reason").HasMaxLength(8000);
        builder.Property(promotion => promotion.CreateTime).HasColumnName("create_time");
        builder.Property(promotion => promotion.UpdateTime).HasColumnName("update_time");
        builder.Property(promotion => promotion.LeaseOwner).HasColumnName("lease_owner").HasMaxLength(200);
        builder.Property(promotion => promotion.LeaseUntil).HasColumnName("lease_until");

        // Two promotions of one model at once would fight over its endpoints' traffic.
        builder.HasIndex(promotion => new { promotion.Workspace, promotion.ModelName }, OneRunningPerModel).IsUnique().HasFilter("state = 'Running'");
        builder.HasIndex(promotion => promotion.SourceEventId, OnePerSourceEvent).IsUnique();
        builder.HasIndex(promotion => new { promotion.State, promotion.DueTime }, "ix_promotions_state_due_time");
        builder.HasIndex(promotion => new { promotion.CreateTime, promotion.Id }, "ix_promotions_create_time_id");
    }
}
