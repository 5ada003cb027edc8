using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mlops.Deployment.Application;

namespace Mlops.Deployment.Infrastructure;

internal sealed class DeploymentEntityConfiguration : IEntityTypeConfiguration<DeploymentEntity>
{
    public const string Table = "deployments";
    public const string ForeignKeyToEndpoint = "fk_deployments_endpoints_endpoint";

    public void Configure(EntityTypeBuilder<DeploymentEntity> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(deployment => new { deployment.Endpoint, deployment.Name });
        builder.Property(deployment => deployment.Endpoint).HasColumnName("endpoint").HasMaxLength(DeploymentRules.MaxNameLength).UseCollation("C");
        builder.Property(deployment => deployment.Name).HasColumnName("name").HasMaxLength(DeploymentRules.MaxNameLength).UseCollation("C");
        builder.Property(deployment => deployment.ModelWorkspace).HasColumnName("model_workspace").HasMaxLength(256);
        builder.Property(deployment => deployment.ModelName).HasColumnName("model_name").HasMaxLength(256);
        builder.Property(deployment => deployment.RequestedVersion).HasColumnName("requested_version");
        builder.Property(deployment => deployment.ModelAlias).HasColumnName("model_alias").HasMaxLength(256);
        builder.Property(deployment => deployment.ModelVersion).HasColumnName("model_version");
        builder.Property(deployment => deployment.ArtifactSha256).HasColumnName("artifact_sha256").HasMaxLength(64);
        builder.Property(deployment => deployment.Runtime).HasColumnName("runtime").HasMaxLength(32);
        builder.Property(deployment => deployment.ExternalUrl).HasColumnName("external_url").HasMaxLength(2048);
        builder.Property(deployment => deployment.Replicas).HasColumnName("replicas");
        builder.Property(deployment => deployment.CreatedBy).HasColumnName("created_by").HasMaxLength(256);
        builder.Property(deployment => deployment.CreateTime).HasColumnName("create_time");

        // Restrict: an endpoint goes only once its deployments are gone, never taking them silently with it.
        builder.HasOne<EndpointEntity>().WithMany().HasForeignKey(deployment => deployment.Endpoint)
            .HasConstraintName(ForeignKeyToEndpoint).OnDelete(DeleteBehavior.Restrict);
    }
}
