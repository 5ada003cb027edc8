using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mlops.Registry.Application.Approvals;

namespace Mlops.Registry.Infrastructure.Approvals;

internal sealed class ApprovalPolicyEntityConfiguration : IEntityTypeConfiguration<ApprovalPolicyEntity>
{
    public void Configure(EntityTypeBuilder<ApprovalPolicyEntity> builder)
    {
        builder.ToTable("approval_policies", table => table.HasCheckConstraint(
            "ck_approval_policies_required_approvals", $"required_approvals BETWEEN 1 AND {ApprovalRules.MaxRequiredApprovals}"));
        builder.HasKey(policy => policy.ModelId);
        builder.Property(policy => policy.ModelId).HasColumnName("model_id").ValueGeneratedNever();
        builder.Property(policy => policy.RequiredApprovals).HasColumnName("required_approvals");
        builder.Property(policy => policy.Approvers).HasColumnName("approvers");
        builder.Property(policy => policy.ProtectedAliases).HasColumnName("protected_aliases");
        builder.Property(policy => policy.Revision).HasColumnName("revision");
        builder.Property(policy => policy.UpdatedBy).HasColumnName("updated_by").HasMaxLength(256);
        builder.Property(policy => policy.UpdateTime).HasColumnName("update_time");

        // The policy goes with its model.
        builder.HasOne<ModelEntity>().WithOne().HasForeignKey<ApprovalPolicyEntity>(policy => policy.ModelId).OnDelete(DeleteBehavior.Cascade);
    }
}
