using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mlops.Registry.Application;

namespace Mlops.Registry.Infrastructure.Audit;

internal sealed class AuditEntryEntityConfiguration : IEntityTypeConfiguration<AuditEntryEntity>
{
    public const string Table = "audit_entries";

    public void Configure(EntityTypeBuilder<AuditEntryEntity> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(entry => entry.Sequence);
        builder.Property(entry => entry.Sequence).HasColumnName("sequence").UseIdentityAlwaysColumn();
        builder.Property(entry => entry.Workspace).HasColumnName("workspace").HasMaxLength(RegistryRules.MaxNameLength).UseCollation("C");
        builder.Property(entry => entry.Actor).HasColumnName("actor").HasMaxLength(256);
        builder.Property(entry => entry.Action).HasColumnName("action").HasMaxLength(64);
        builder.Property(entry => entry.Subject).HasColumnName("subject").HasMaxLength(1024).UseCollation("C");
        builder.Property(entry => entry.Time).HasColumnName("time");
        builder.Property(entry => entry.Details).HasColumnName("details").AsJsonb();

        // Queries are "this workspace (and subject), newest first": both indexes end in the sequence they page by.
        builder.HasIndex(entry => new { entry.Workspace, entry.Sequence }, "ix_audit_entries_workspace_sequence");
        builder.HasIndex(entry => new { entry.Workspace, entry.Subject, entry.Sequence }, "ix_audit_entries_workspace_subject_sequence");
    }
}
