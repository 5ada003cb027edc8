using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mlops.Registry.Application;
using Mlops.Registry.Infrastructure.Workspaces;

namespace Mlops.Registry.Infrastructure;

internal sealed class ModelEntityConfiguration : IEntityTypeConfiguration<ModelEntity>
{
    public const string Table = "models";
    public const string ForeignKeyToWorkspace = "fk_models_workspaces_workspace";

    public void Configure(EntityTypeBuilder<ModelEntity> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(model => model.Id);
        builder.Property(model => model.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(model => model.Workspace).HasColumnName("workspace").HasMaxLength(RegistryRules.MaxNameLength).UseCollation("C");

        // Byte order ("C"), so listing and page tokens compare names the same way whatever the database's locale.
        builder.Property(model => model.Name).HasColumnName("name").HasMaxLength(RegistryRules.MaxNameLength).UseCollation("C");
        builder.Property(model => model.Description).HasColumnName("description").HasMaxLength(RegistryRules.MaxDescriptionLength);
        builder.Property(model => model.Tags).HasColumnName("tags").AsJsonb();
        builder.Property(model => model.CreatedBy).HasColumnName("created_by").HasMaxLength(256);
        builder.Property(model => model.CreateTime).HasColumnName("create_time");
        builder.Property(model => model.LatestVersion).HasColumnName("latest_version");
        builder.Property(model => model.LastReservedVersion).HasColumnName("last_reserved_version");
        builder.HasIndex(model => new { model.Workspace, model.Name }, "ux_models_workspace_name").IsUnique();

        // A model can only live in a workspace that exists; the database, not a racy check, is what refuses it.
        builder.HasOne<WorkspaceEntity>().WithMany().HasForeignKey(model => model.Workspace).HasPrincipalKey(workspace => workspace.Name)
            .HasConstraintName(ForeignKeyToWorkspace).OnDelete(DeleteBehavior.Restrict);

        builder.Property(model => model.Revision).HasColumnName("revision").HasDefaultValue(1L);
        builder.Property(model => model.UpdateTime).HasColumnName("update_time");
        builder.HasIndex(model => model.Tags, "ix_models_tags").HasMethod("gin").HasOperators("jsonb_path_ops");
    }
}
