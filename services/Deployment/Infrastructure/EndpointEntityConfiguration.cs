using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mlops.Deployment.Application;

namespace Mlops.Deployment.Infrastructure;

internal sealed class EndpointEntityConfiguration : IEntityTypeConfiguration<EndpointEntity>
{
    public const string Table = "endpoints";

    public void Configure(EntityTypeBuilder<EndpointEntity> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(endpoint => endpoint.Name);
        builder.Property(endpoint => endpoint.Name).HasColumnName("name").HasMaxLength(DeploymentRules.MaxNameLength).UseCollation("C");
        builder.Property(endpoint => endpoint.Environment).HasColumnName("environment").HasMaxLength(DeploymentRules.MaxNameLength);
        builder.Property(endpoint => endpoint.Description).HasColumnName("description").HasMaxLength(DeploymentRules.MaxDescriptionLength);
        builder.Property(endpoint => endpoint.P95LatencyLimitMs).HasColumnName("p95_latency_limit_ms");
        builder.Property(endpoint => endpoint.RolloutMode).HasColumnName("rollout_mode").HasMaxLength(32);
        builder.Property(endpoint => endpoint.CanarySteps).HasColumnName("canary_steps");
        builder.Property(endpoint => endpoint.BakeSeconds).HasColumnName("bake_seconds");
        builder.Property(endpoint => endpoint.CreatedBy).HasColumnName("created_by").HasMaxLength(256);
        builder.Property(endpoint => endpoint.CreateTime).HasColumnName("create_time");
        builder.HasIndex(endpoint => new { endpoint.Environment, endpoint.Name }, "ix_endpoints_environment_name");
    }
}
