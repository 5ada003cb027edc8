using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mlops.Registry.Infrastructure.Versions;

internal sealed class ModelVersionInputExampleEntityConfiguration : IEntityTypeConfiguration<ModelVersionInputExampleEntity>
{
    public void Configure(EntityTypeBuilder<ModelVersionInputExampleEntity> builder)
    {
        builder.ToTable("model_version_input_examples");
        builder.HasKey(example => example.ModelVersionId);
        builder.Property(example => example.ModelVersionId).HasColumnName("model_version_id").ValueGeneratedNever();

        // Text, not jsonb: the example is returned exactly as it was sent, key order and number spelling included.
        builder.Property(example => example.Json).HasColumnName("json");
        builder.HasOne<ModelVersionEntity>().WithOne(version => version.InputExample)
            .HasForeignKey<ModelVersionInputExampleEntity>(example => example.ModelVersionId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
