using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mlops.Registry.Infrastructure.Approvals;

/// <summary>
/// The approval status column of <c>model_versions</c>, kept apart from the version's own configuration: registration
/// never sets it (the column default makes every new version pending), only the approval store changes it.
/// </summary>
internal sealed class ModelVersionApprovalConfiguration : IEntityTypeConfiguration<ModelVersionEntity>
{
    /// <summary>The shadow property to read it through, with <c>EF.Property&lt;string&gt;</c>.</summary>
    public const string StatusProperty = "ApprovalStatus";

    public const string StatusColumn = "approval_status";

    public void Configure(EntityTypeBuilder<ModelVersionEntity> builder)
    {
        builder.Property<string>(StatusProperty).HasColumnName(StatusColumn).HasMaxLength(32).IsRequired().HasDefaultValue(ApprovalStatusColumn.Pending);
        builder.ToTable(table => table.HasCheckConstraint(
            "ck_model_versions_approval_status",
            $"{StatusColumn} IN ('{ApprovalStatusColumn.Pending}', '{ApprovalStatusColumn.Approved}', '{ApprovalStatusColumn.Rejected}')"));
    }
}
