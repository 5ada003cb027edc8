using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mlops.Registry.Application;
using Mlops.Registry.Application.Datasets;

namespace Mlops.Registry.Infrastructure.Datasets;

internal sealed class DatasetVersionEntityConfiguration : IEntityTypeConfiguration<DatasetVersionEntity>
{
    public const string Table = "dataset_versions";

    public void Configure(EntityTypeBuilder<DatasetVersionEntity> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(version => version.Id);
        builder.Property(version => version.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(version => version.DatasetId).HasColumnName("dataset_id");
        builder.Property(version => version.Version).HasColumnName("version");
        builder.Property(version => version.Description).HasColumnName("description").HasMaxLength(RegistryRules.MaxDescriptionLength);
        builder.Property(version => version.Tags).HasColumnName("tags").AsJsonb();
        builder.Property(version => version.Format).HasColumnName("format").HasConversion<string>().HasMaxLength(16);
        builder.Property(version => version.CsvOptions).HasColumnName("csv_options").AsSnakeCaseJsonb();
        builder.Property(version => version.FileName).HasColumnName("file_name").HasMaxLength(DatasetRules.MaxFileNameLength);
        builder.Property(version => version.ArtifactSha256).HasColumnName("artifact_sha256").HasMaxLength(64).IsFixedLength();
        builder.Property(version => version.ArtifactSizeBytes).HasColumnName("artifact_size_bytes");
        builder.Property(version => version.BlobName).HasColumnName("blob_name").HasMaxLength(1024);
        builder.Property(version => version.Schema).HasColumnName("schema").AsSnakeCaseJsonb();
        builder.Property(version => version.Columns).HasColumnName("columns").AsSnakeCaseJsonb();
        builder.Property(version => version.RowCount).HasColumnName("row_count");
        builder.Property(version => version.ColumnCount).HasColumnName("column_count");
        builder.Property(version => version.Profile).HasColumnName("profile").HasColumnType("jsonb");
        builder.Property(version => version.SchemaWarnings).HasColumnName("schema_warnings").AsSnakeCaseJsonb();
        builder.Property(version => version.CreatedBy).HasColumnName("created_by").HasMaxLength(256);
        builder.Property(version => version.CreateTime).HasColumnName("create_time");
        builder.HasOne(version => version.Dataset).WithMany().HasForeignKey(version => version.DatasetId).OnDelete(DeleteBehavior.Restrict);

        // The last line of defence for consecutive numbering: two versions can never share a number.
        builder.HasIndex(version => new { version.DatasetId, version.Version }, "ux_dataset_versions_dataset_id_version").IsUnique();
    }
}
