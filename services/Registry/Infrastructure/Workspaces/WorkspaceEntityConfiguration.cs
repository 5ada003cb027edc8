using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mlops.Registry.Application;

namespace Mlops.Registry.Infrastructure.Workspaces;

internal sealed class WorkspaceEntityConfiguration : IEntityTypeConfiguration<WorkspaceEntity>
{
    public const string Table = "workspaces";

    public void Configure(EntityTypeBuilder<WorkspaceEntity> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(workspace => workspace.Name);
        builder.Property(workspace => workspace.Name).HasColumnName("name").HasMaxLength(RegistryRules.MaxNameLength).UseCollation("C");
        builder.Property(workspace => workspace.Description).HasColumnName("description").HasMaxLength(RegistryRules.MaxDescriptionLength);
        builder.Property(workspace => workspace.CreatedBy).HasColumnName("created_by").HasMaxLength(256);
        builder.Property(workspace => workspace.CreateTime).HasColumnName("create_time");

        // "default" exists from the first migration on, so a client that never names a workspace always has one.
        builder.HasData(new WorkspaceEntity
        {
            Name = RegistryRules.DefaultWorkspace,
            Description = "The workspace of requests that name none.",
            CreatedBy = "system",
            CreateTime = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
        });
    }
}
