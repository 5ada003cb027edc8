using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mlops.Registry.Application.Uploads;

namespace Mlops.Registry.Infrastructure;

internal sealed class ModelVersionFileEntityConfiguration : IEntityTypeConfiguration<ModelVersionFileEntity>
{
    public const string Table = "model_version_files";

    public void Configure(EntityTypeBuilder<ModelVersionFileEntity> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(file => new { file.VersionId, file.Path });
        builder.Property(file => file.VersionId).HasColumnName("version_id");

        // Byte order ("C"): ORDER BY path is the manifest's order, the paths' UTF-8 bytes.
        builder.Property(file => file.Path).HasColumnName("path").HasMaxLength(ArtifactPaths.MaxPathLength).UseCollation("C");
        builder.Property(file => file.Sha256).HasColumnName("sha256").HasMaxLength(64).IsFixedLength();
        builder.Property(file => file.SizeBytes).HasColumnName("size_bytes");
        builder.Property(file => file.BlobName).HasColumnName("blob_name").HasMaxLength(1024);
        builder.HasOne<ModelVersionEntity>().WithMany().HasForeignKey(file => file.VersionId).OnDelete(DeleteBehavior.Cascade);
    }
}
