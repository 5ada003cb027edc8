using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mlops.Registry.Application;
using Mlops.Registry.Infrastructure.Workspaces;

namespace Mlops.Registry.Infrastructure.Datasets;

internal sealed class DatasetEntityConfiguration : IEntityTypeConfiguration<DatasetEntity>
{
    public const string Table = "datasets";
    public const string ForeignKeyToWorkspace = "fk_datasets_workspaces_workspace";

    public void Configure(EntityTypeBuilder<DatasetEntity> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(dataset => dataset.Id);
        builder.Property(dataset => dataset.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(dataset => dataset.Workspace).HasColumnName("workspace").HasMaxLength(RegistryRules.MaxNameLength).UseCollation("C");

        // Byte order ("C"), so listing and page tokens compare names the same way whatever the database's locale.
        builder.Property(dataset => dataset.Name).HasColumnName("name").HasMaxLength(RegistryRules.MaxNameLength).UseCollation("C");
        builder.Property(dataset => dataset.Description).HasColumnName("description").HasMaxLength(RegistryRules.MaxDescriptionLength);
        builder.Property(dataset => dataset.Tags).HasColumnName("tags").AsJsonb();
        builder.Property(dataset => dataset.CreatedBy).HasColumnName("created_by").HasMaxLength(256);
        builder.Property(dataset => dataset.CreateTime).HasColumnName("create_time");
        builder.Property(dataset => dataset.UpdateTime).HasColumnName("update_time");
        builder.Property(dataset => dataset.LatestVersion).HasColumnName("latest_version");
        builder.HasIndex(dataset => new { dataset.Workspace, dataset.Name }, "ux_datasets_workspace_name").IsUnique();

        // A dataset can only live in a workspace that exists; the database, not a racy check, is what refuses it.
        builder.HasOne<WorkspaceEntity>().WithMany().HasForeignKey(dataset => dataset.Workspace).HasPrincipalKey(workspace => workspace.Name)
            .HasConstraintName(ForeignKeyToWorkspace).OnDelete(DeleteBehavior.Restrict);
    }
}
