using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mlops.Registry.Application;
using Mlops.Registry.Application.Versions;
using Mlops.Registry.Infrastructure.Versions;

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

        builder.Property(version => version.Workspace).HasColumnName("workspace").HasMaxLength(RegistryRules.MaxNameLength).UseCollation("C");
        builder.Property(version => version.ModelName).HasColumnName("model_name").HasMaxLength(RegistryRules.MaxNameLength).UseCollation("C");
        builder.Property(version => version.Flavor).HasColumnName("flavor").HasMaxLength(MetadataRules.MaxIdentifierLength);
        builder.Property(version => version.Framework).HasColumnName("framework").HasMaxLength(MetadataRules.MaxIdentifierLength);
        builder.Property(version => version.FrameworkVersion).HasColumnName("framework_version").HasMaxLength(MetadataRules.MaxIdentifierLength);
        builder.Property(version => version.Signature).HasColumnName("signature").AsJsonbDocument();
        builder.Property(version => version.Metrics).HasColumnName("metrics").AsJsonbDocument().HasDefaultValueSql("'{}'::jsonb");
        builder.Property(version => version.Params).HasColumnName("params").AsJsonbDocument().HasDefaultValueSql("'{}'::jsonb");
        builder.Property(version => version.SourceRunId).HasColumnName("source_run_id").HasMaxLength(SourceRules.MaxRunIdLength);
        builder.Property(version => version.SourceCommit).HasColumnName("source_commit").HasMaxLength(64);
        builder.Property(version => version.SourcePipelineUrl).HasColumnName("source_pipeline_url").HasMaxLength(SourceRules.MaxUrlLength);
        builder.Property(version => version.DatasetVersions).HasColumnName("dataset_versions").AsJsonbDocument().HasDefaultValueSql("'[]'::jsonb");
        builder.Property(version => version.Revision).HasColumnName("revision").HasDefaultValue(1L);
        builder.Property(version => version.UpdateTime).HasColumnName("update_time");

        // A search without a model reads the workspace's versions newest first: this index is that order. Scoped to a
        // model, the unique index above serves; "name LIKE 'fraud%'" and "name = ..." range over the next one.
        builder.HasIndex(version => new { version.Workspace, version.CreateTime, version.Id }, "ix_model_versions_workspace_create_time_id")
            .IsDescending(false, true, true);
        builder.HasIndex(version => new { version.Workspace, version.ModelName, version.Version }, "ix_model_versions_workspace_model_name_version");

        // Tag and param equality is jsonb containment (@>) and metric equality a jsonpath predicate (@@): these answer
        // both. A metric range (auc > 0.9) no GIN index answers; its estimate still comes from the column's statistics.
        builder.HasIndex(version => version.Tags, "ix_model_versions_tags").HasMethod("gin").HasOperators("jsonb_path_ops");
        builder.HasIndex(version => version.Params, "ix_model_versions_params").HasMethod("gin").HasOperators("jsonb_path_ops");
        builder.HasIndex(version => version.Metrics, "ix_model_versions_metrics").HasMethod("gin").HasOperators("jsonb_path_ops");
    }
}
