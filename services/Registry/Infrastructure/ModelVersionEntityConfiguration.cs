using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mlops.Registry.Application;

namespace Mlops.Registry.Infrastructure;

internal sealed class ModelVersionEntityConfiguration : IEntityTypeConfiguration<ModelVersionEntity>
{
    public void Configure(EntityTypeBuilder<ModelVersionEntity> builder)
    {
        builder.ToTable("model_versions");
        builder.HasKey(version => version.Id);
        builder.Property(version => version.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(version => version.ModelId).HasColumnName("model_id");
        builder.Property(version => version.Version).HasColumnName("version");
        builder.Property(version => version.Description).HasColumnName("description").HasMaxLength(RegistryRules.MaxDescriptionLength);
        builder.Property(version => version.Tags).HasColumnName("tags").AsJsonb();
        builder.Property(version => version.ArtifactSha256).HasColumnName("artifact_sha256").HasMaxLength(64).IsFixedLength();
        builder.Property(version => version.ArtifactSizeBytes).HasColumnName("artifact_size_bytes");
        builder.Property(version => version.ArtifactFileName).HasColumnName("artifact_file_name").HasMaxLength(1024);
        builder.Property(version => version.ArtifactBlobName).HasColumnName("artifact_blob_name").HasMaxLength(1024);
        builder.Property(version => version.CreatedBy).HasColumnName("created_by").HasMaxLength(256);
        builder.Property(version => version.CreateTime).HasColumnName("create_time");
        builder.HasOne(version => version.Model).WithMany().HasForeignKey(version => version.ModelId).OnDelete(DeleteBehavior.Restrict);

        // The last line of defence for consecutive numbering: two versions can never share a number.
        builder.HasIndex(version => new { version.ModelId, version.Version }, "ux_model_versions_model_id_version").IsUnique();

        // Rows from before uploads had a lifecycle are complete versions: the default makes them READY.
        builder.Property(version => version.Status).HasColumnName("status").HasMaxLength(16).HasDefaultValue(ModelVersionStatuses.Ready);
        builder.Property(version => version.StatusMessage).HasColumnName("status_message").HasMaxLength(1024);
        builder.Property(version => version.ArtifactFileCount).HasColumnName("artifact_file_count");
        builder.Property(version => version.UploadHeartbeatAt).HasColumnName("upload_heartbeat_at");
        builder.ToTable(table => table.HasCheckConstraint(
            "ck_model_versions_status",
            $"status IN ('{ModelVersionStatuses.PendingUpload}', '{ModelVersionStatuses.Ready}', '{ModelVersionStatuses.Failed}')"));

        // What the sweeper scans: only pending uploads, by the age of their lease.
        builder.HasIndex(version => version.UploadHeartbeatAt, "ix_model_versions_pending_uploads").HasFilter($"status = '{ModelVersionStatuses.PendingUpload}'");
    }
}
