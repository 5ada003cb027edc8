using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mlops.Registry.Application.Approvals;

namespace Mlops.Registry.Infrastructure.Approvals;

internal sealed class ApprovalDecisionEntityConfiguration : IEntityTypeConfiguration<ApprovalDecisionEntity>
{
    public const string OneDecisionPerApprover = "ux_approval_decisions_model_version_id_approver";

    public void Configure(EntityTypeBuilder<ApprovalDecisionEntity> builder)
    {
        builder.ToTable("approval_decisions", table => table.HasCheckConstraint(
            "ck_approval_decisions_decision", $"decision IN ('{ApprovalDecisionEntity.Approve}', '{ApprovalDecisionEntity.Reject}')"));
        builder.HasKey(decision => decision.Sequence);
        builder.Property(decision => decision.Sequence).HasColumnName("sequence").UseIdentityAlwaysColumn();
        builder.Property(decision => decision.ModelVersionId).HasColumnName("model_version_id");
        builder.Property(decision => decision.Approver).HasColumnName("approver").HasMaxLength(256);
        builder.Property(decision => decision.Decision).HasColumnName("decision").HasMaxLength(16);
        builder.Property(decision => decision.Comment).HasColumnName("comment").HasMaxLength(ApprovalRules.MaxCommentLength);
        builder.Property(decision => decision.DecideTime).HasColumnName("decide_time");
        builder.HasOne<ModelVersionEntity>().WithMany().HasForeignKey(decision => decision.ModelVersionId).OnDelete(DeleteBehavior.Cascade);

        // Each approver decides once per version, whatever races the application's own check.
        builder.HasIndex(decision => new { decision.ModelVersionId, decision.Approver }, OneDecisionPerApprover).IsUnique();
    }
}
