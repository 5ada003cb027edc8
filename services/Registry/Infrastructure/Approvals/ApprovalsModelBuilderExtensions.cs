using Microsoft.EntityFrameworkCore;

namespace Mlops.Registry.Infrastructure.Approvals;

internal static class ApprovalsModelBuilderExtensions
{
    /// <summary>Approval policies, decisions and the versions' approval status.</summary>
    public static ModelBuilder AddApprovals(this ModelBuilder modelBuilder) =>
        modelBuilder
            .ApplyConfiguration(new ModelVersionApprovalConfiguration())
            .ApplyConfiguration(new ApprovalPolicyEntityConfiguration())
            .ApplyConfiguration(new ApprovalDecisionEntityConfiguration());
}
